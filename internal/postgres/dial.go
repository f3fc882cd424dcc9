package postgres

import (
	"context"
	"net"
	"time"
)

// readDeadlineDialer gives every read from the database a deadline. The server answers
// within the statement timeout; a read that waits much longer is waiting for bytes that will
// never come, as when lib/pq misreads an error message over 30,000 bytes and takes four bytes
// of its text for the next message's length (docs/decisions.md). The read then fails, the
// driver drops the connection and the pool opens a new one, instead of holding it forever.
// An idle pooled connection reads nothing, so it has no deadline.
type readDeadlineDialer struct {
	timeout time.Duration
	d       net.Dialer
}

func (r readDeadlineDialer) Dial(network, address string) (net.Conn, error) {
	return r.DialContext(context.Background(), network, address)
}

func (r readDeadlineDialer) DialTimeout(network, address string, timeout time.Duration) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return r.DialContext(ctx, network, address)
}

func (r readDeadlineDialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	c, err := r.d.DialContext(ctx, network, address)
	if err != nil {
		return nil, err
	}
	return deadlineConn{Conn: c, timeout: r.timeout}, nil
}

type deadlineConn struct {
	net.Conn
	timeout time.Duration
}

func (c deadlineConn) Read(b []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, err
	}
	return c.Conn.Read(b)
}
