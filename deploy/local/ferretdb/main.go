// Command ferretdb runs FerretDB 1.24 (MongoDB wire protocol) for local development and CI
// on machines without Docker.
//
// Why a wrapper module instead of `go install .../cmd/ferretdb`: the upstream command panics at
// start when it is the main module and no generated build/version/version.txt is present
// (upstream issue #2982). The embeddable package skips that check when the main module is ours.
//
// Why the SQLite backend: it needs no second server (the PostgreSQL backend would need one running
// and provisioned); data lives in plain files under the given directory.
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
	dataDir := flag.String("sqlite-dir", envOr("FERRETDB_SQLITE_DIR", "data"), "directory for SQLite database files (env FERRETDB_SQLITE_DIR)")
	logLevel := flag.String("log-level", envOr("FERRETDB_LOG_LEVEL", "warn"), "debug, info, warn or error (env FERRETDB_LOG_LEVEL)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

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
	sqliteURL := "file:" + strings.TrimSuffix(dir, "/") + "/"

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Printed at warn level so the readiness check has a line to look for even with a quiet logger.
	logger.Warn("ferretdb listening", "addr", *listen, "sqlite", sqliteURL)

	if err := f.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		os.Exit(1)
	}
}
