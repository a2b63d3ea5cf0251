// Command hookflow-ferretdb runs FerretDB with its SQLite backend for the embedded dev stack.
//
// A plain `go install` of FerretDB's own cmd panics on its missing version file, so we embed the
// library package instead and expose only the two settings the dev stack needs.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data-dir", ".hookflow/ferretdb", "directory holding the SQLite databases")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "hookflow-ferretdb: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if err := os.MkdirAll(*dataDir, 0o700); err != nil {
		logger.Error("cannot create data directory", "dir", *dataDir, "err", err)
		os.Exit(1)
	}

	// FerretDB already enables WAL and a busy timeout; synchronous=NORMAL is safe under WAL
	// (no corruption, at most the last commits lost on power failure) and much faster for a dev stack.
	sqliteURL := "file:" + *dataDir + "/?_pragma=synchronous(normal)"

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		logger.Error("cannot start FerretDB", "err", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger.Info("listening", "uri", f.MongoDBURI())
	if err := f.Run(ctx); err != nil {
		logger.Error("FerretDB stopped", "err", err)
		os.Exit(1)
	}
}
