package postgres

// StatementQueryForBench is the monthly statement's query, for EXPLAIN in the benchmark.
var StatementQueryForBench = posterStatementQuery
