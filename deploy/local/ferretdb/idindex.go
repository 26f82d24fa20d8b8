package main

// FerretDB 1.24's SQLite backend creates the `_id` index on the expression `_ferretdb_sjson->"_id"`
// but looks documents up with `_ferretdb_sjson->'$._id' = ?`. SQLite matches expression indexes
// by their text, so it never uses that index: every find, update and delete by `_id` reads the
// whole table (EXPLAIN QUERY PLAN says SCAN). Measured at 20,000 documents: an update by `_id`
// took 165 ms, 1.5 ms with an index on the expression the queries use (docs/performance.md).
//
// The keeper adds that index to every collection table: at start and then every interval, it
// lists the collections of each database file and creates the missing indexes. The index is
// ours, not FerretDB's: FerretDB does not list it, and it goes away with the table.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB's SQLite backend uses
)

const idIndexSuffix = "__haki_id_path"

type idIndexKeeper struct {
	dir    string
	logger *slog.Logger
	// Per database file, the modification times seen at its last complete pass: a file whose main
	// and WAL files have not changed since has no new table, and is not opened again. Idle cost stays
	// flat however many databases there are.
	seen map[string]string
}

func (k *idIndexKeeper) run(ctx context.Context, every time.Duration) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			k.pass(ctx)
		}
	}
}

func (k *idIndexKeeper) pass(ctx context.Context) {
	files, err := filepath.Glob(filepath.Join(k.dir, "*.sqlite"))
	if err != nil {
		return
	}
	current := make(map[string]string, len(files))
	for _, file := range files {
		stamp := modified(file) + "|" + modified(file+"-wal")
		if k.seen[file] == stamp {
			current[file] = stamp
			continue
		}
		if err := k.indexFile(ctx, file); err != nil {
			// A database dropped while we looked, or a writer holding the lock: the next pass retries.
			k.logger.Debug("id index keeper", "file", filepath.Base(file), "error", err)
			continue
		}
		// The stamp from before the pass: a table created during it changes the files, and is seen next time.
		current[file] = stamp
	}
	k.seen = current
}

func (k *idIndexKeeper) indexFile(ctx context.Context, file string) error {
	// mode=rw: never create a database file FerretDB has just dropped.
	uri := "file:" + (&url.URL{Path: file}).EscapedPath() + "?mode=rw&_pragma=busy_timeout(2000)"
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return err
	}
	defer db.Close()

	// A read-only query in the usual case (every table indexed): no write lock taken while idle.
	tables, err := queryStrings(ctx, db, `SELECT table_name FROM _ferretdb_collections WHERE table_name NOT IN
		(SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = tbl_name || ?)`, idIndexSuffix)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil // a database FerretDB is still creating
		}
		return err
	}
	for _, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+idIndexSuffix, table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
		k.logger.Info("id index added", "file", filepath.Base(file), "table", table)
	}
	return nil
}

func queryStrings(ctx context.Context, db *sql.DB, query string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func modified(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return "-"
	}
	return info.ModTime().Format(time.RFC3339Nano) + "/" + strconv.FormatInt(info.Size(), 10)
}

// startIDIndexKeeper runs the keeper in the background; the first pass is done before it returns.
func startIDIndexKeeper(ctx context.Context, dir string, every time.Duration, logger *slog.Logger) {
	if _, err := os.Stat(dir); err != nil {
		return
	}
	k := &idIndexKeeper{dir: dir, logger: logger, seen: map[string]string{}}
	k.pass(ctx)
	go k.run(ctx, every)
}
