// Command ferretdb runs FerretDB 1.24 (MongoDB wire protocol) for local development and CI
// on machines without Docker.
//
// Why a wrapper module instead of `go install .../cmd/ferretdb`: the upstream command panics at
// start when it is the main module and no generated build/version/version.txt is present
// (upstream issue #2982). The embeddable package skips that check when the main module is ours.
//
// Why the SQLite backend by default: it needs no second server, data lives in plain files under the
// given directory, and with the `_id` index of idindex.go it served every lookup we make faster than
// the PostgreSQL backend did (measured: docs/performance.md, "Local engine").
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	listen := flag.String("listen-addr", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:27017"), "TCP listen address (env FERRETDB_LISTEN_ADDR)")
	handler := flag.String("handler", envOr("FERRETDB_HANDLER", "sqlite"), "sqlite, or postgresql in a build without -tags ferretdb_no_postgresql (env FERRETDB_HANDLER)")
	dataDir := flag.String("sqlite-dir", envOr("FERRETDB_SQLITE_DIR", "data"), "directory for SQLite database files (env FERRETDB_SQLITE_DIR)")
	sqliteSync := flag.String("sqlite-synchronous", envOr("FERRETDB_SQLITE_SYNCHRONOUS", "normal"), "SQLite synchronous pragma: normal or full (env FERRETDB_SQLITE_SYNCHRONOUS)")
	postgresURL := flag.String("postgresql-url", envOr("FERRETDB_POSTGRESQL_URL", ""), "PostgreSQL URL for -handler postgresql (env FERRETDB_POSTGRESQL_URL)")
	idIndexEvery := flag.Duration("id-index-every", time.Second, "how often new SQLite tables get their _id lookup index (idindex.go)")
	logLevel := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "warn"), "debug, info, warn or error (env FERRETDB_LOG_LEVEL)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	var sqliteDir string
	config := ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  *handler,
	}
	switch *handler {
	case "sqlite":
		if *sqliteSync != "normal" && *sqliteSync != "full" {
			fmt.Fprintf(os.Stderr, "ferretdb: -sqlite-synchronous must be normal or full, not %q\n", *sqliteSync)
			os.Exit(2)
		}
		dir, err := filepath.Abs(*dataDir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: bad -sqlite-dir %q: %v\n", *dataDir, err)
			os.Exit(2)
		}
		// The SQLite backend requires an existing directory and a URI ending with "/".
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: cannot create %s: %v\n", dir, err)
			os.Exit(1)
		}
		// WAL with synchronous=NORMAL: a commit is not fsynced, the WAL is at checkpoints. A killed
		// process loses nothing (the OS has the writes); only an OS crash or power cut can lose the last
		// commits. Right for a development and CI stack; production runs MongoDB.
		config.SQLiteURL = "file:" + strings.TrimSuffix(dir, "/") + "/?_pragma=synchronous(" + *sqliteSync + ")"
		sqliteDir = dir
	case "postgresql":
		if *postgresURL == "" {
			fmt.Fprintln(os.Stderr, "ferretdb: -handler postgresql needs -postgresql-url")
			os.Exit(2)
		}
		config.PostgreSQLURL = *postgresURL
	default:
		fmt.Fprintf(os.Stderr, "ferretdb: -handler must be sqlite or postgresql, not %q\n", *handler)
		os.Exit(2)
	}

	f, err := ferretdb.New(&config)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if sqliteDir != "" {
		startIDIndexKeeper(ctx, sqliteDir, *idIndexEvery, logger)
	}

	// Printed at warn level so the readiness check has a line to look for even with a quiet logger.
	logger.Warn("ferretdb listening", "addr", *listen, "handler", *handler)

	if err := f.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
