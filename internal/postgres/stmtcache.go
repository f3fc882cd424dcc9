package postgres

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"strings"
	"unicode"

	"github.com/lib/pq"
)

// lib/pq sends every statement with parameters unnamed: a round trip to parse it, then one to
// bind and run it, and PostgreSQL parses and plans it anew each time. For a job's post that was
// most of its 26 ms (planning its matching queries alone took 15 ms; statement log of
// BenchmarkPostToSocket). So every connection of the pool keeps its statements prepared, as pgx
// does: the first use of a text on a connection prepares it under a name, later uses bind and
// run it in one round trip, and PostgreSQL keeps its plan (docs/decisions.md).

// defaultPrepared is how many statements a connection keeps prepared by default, least recently
// used out first. The program has a few hundred; each costs the server a few kilobytes per
// connection.
const defaultPrepared = 256

// cachingConnector opens lib/pq connections that keep up to size statements prepared.
type cachingConnector struct {
	driver.Connector
	size int
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &cachingConn{pqConn: conn.(pqConn), size: c.size, stmts: map[string]*list.Element{}, order: list.New()}, nil
}

// pqConn is what lib/pq's connection implements and the pool uses.
type pqConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// pqStmt is what lib/pq's prepared statement implements.
type pqStmt interface {
	driver.Stmt
	driver.StmtQueryContext
	driver.StmtExecContext
}

type cachedStmt struct {
	query string
	stmt  pqStmt
}

// cachingConn is one connection and its prepared statements. database/sql uses a connection
// from one goroutine at a time, so the cache needs no lock.
type cachingConn struct {
	pqConn
	size  int                      // most statements kept
	stmts map[string]*list.Element // query → element of order holding its *cachedStmt
	order *list.List               // most recently used first
}

// cacheable reports whether a statement may be prepared under a name. One with parameters is
// prepared (unnamed) by lib/pq anyway, so it is a single statement. One without is sent as a
// simple query, which may hold several statements or a command that cannot be prepared: only a
// single plain query or data change is taken, since a failed prepare would abort the caller's
// transaction.
func cacheable(query string, args int) bool {
	if args > 0 {
		return true
	}
	if strings.Contains(query, ";") {
		return false
	}
	word := strings.TrimSpace(query)
	if end := strings.IndexFunc(word, unicode.IsSpace); end >= 0 {
		word = word[:end]
	}
	switch strings.ToUpper(word) {
	case "SELECT", "WITH", "INSERT", "UPDATE", "DELETE":
		return true
	}
	return false
}

// prepared returns query's statement on this connection, preparing it the first time.
func (c *cachingConn) prepared(ctx context.Context, query string) (*cachedStmt, error) {
	if e, ok := c.stmts[query]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*cachedStmt), nil
	}
	st, err := c.pqConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s := &cachedStmt{query: query, stmt: st.(pqStmt)}
	c.stmts[query] = c.order.PushFront(s)
	for c.order.Len() > c.size {
		c.evict(c.order.Back().Value.(*cachedStmt))
	}
	return s, nil
}

// evict forgets a statement and deallocates it on the server (the connection is idle: the
// pool hands it to one caller at a time, between statements).
func (c *cachingConn) evict(s *cachedStmt) {
	if e, ok := c.stmts[s.query]; ok {
		c.order.Remove(e)
		delete(c.stmts, s.query)
	}
	_ = s.stmt.Close() // a connection that failed here is marked bad by lib/pq and dropped
}

// outdated reports an error after which a prepared statement must be prepared again: a
// migration changed what it returns ("cached plan must not change result type"). The caller
// gets the error once; the next use prepares the statement afresh.
func outdated(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "0A000" && strings.Contains(pqErr.Message, "cached plan")
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if !cacheable(query, len(args)) {
		return c.pqConn.QueryContext(ctx, query, args)
	}
	s, err := c.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := s.stmt.QueryContext(ctx, args)
	if outdated(err) {
		c.evict(s)
	}
	return rows, err
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if !cacheable(query, len(args)) {
		return c.pqConn.ExecContext(ctx, query, args)
	}
	s, err := c.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := s.stmt.ExecContext(ctx, args)
	if outdated(err) {
		c.evict(s)
	}
	return res, err
}
