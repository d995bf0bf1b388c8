package app

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// standbyCheckInterval is how often the standby's lag is measured.
const standbyCheckInterval = time.Second

// readFromStandby, with DATABASE_READ_URL set, opens the pools on the
// standby (reads, and searches apart as on the primary), lets the store
// send the read-only work there while it keeps up (see
// store.CheckStandby) and checks it every standbyCheckInterval. A standby
// that does not answer at start is no error: reads stay on the primary
// until it does.
func (a *App) readFromStandby(ctx context.Context) error {
	if a.cfg.DatabaseReadURL == "" {
		return nil
	}
	readCfg, err := pgxpool.ParseConfig(a.cfg.DatabaseReadURL)
	if err != nil {
		return fmt.Errorf("database read URL: %w", err)
	}
	readCfg.MaxConns = a.cfg.DBMaxConns
	readCfg.ConnConfig.ConnectTimeout = 2 * time.Second
	readCfg.ConnConfig.RuntimeParams["application_name"] = "careerguide reads"
	reads, err := pgxpool.NewWithConfig(ctx, readCfg)
	if err != nil {
		return fmt.Errorf("database read URL: %w", err)
	}
	a.close = append(a.close, reads.Close)
	a.store.ReadFrom(reads, a.cfg.ReadMaxLag)
	a.readFloor(ctx)
	last := a.checkStandby(ctx, "")
	a.every(ctx, standbyCheckInterval, func(ctx context.Context) { last = a.checkStandby(ctx, last) })
	return nil
}

// checkStandby measures the standby once and logs when reads go to
// another server than after the check before (where they went then).
// It returns where they go now.
func (a *App) checkStandby(ctx context.Context, before string) string {
	ctx, cancel := context.WithTimeout(ctx, standbyCheckInterval)
	defer cancel()
	st := a.store.CheckStandby(ctx)
	after := a.store.ReadsOn()
	switch {
	case st.Usable && !sameSide(before, after):
		a.logger.Info("reads", "on", after)
	case !st.Usable && !sameSide(before, after):
		a.logger.Warn("reads", "on", after)
	}
	return after
}

// sameSide reports whether two ReadsOn answers send reads to the same
// server (their first word).
func sameSide(a, b string) bool {
	first := func(s string) string {
		for i, r := range s {
			if r == ' ' {
				return s[:i]
			}
		}
		return s
	}
	return first(a) == first(b)
}

// readFloor keeps reads off the standby until it replayed the primary's
// WAL as it is now: called once the instance loaded content, so no read
// on the standby sees the database as it was before the snapshot.
func (a *App) readFloor(ctx context.Context) {
	if !a.store.HasStandby() {
		return
	}
	pos, err := a.store.WALPosition(ctx)
	if err != nil { // the standby's lag bound still holds
		a.logger.Warn("read floor", "err", err)
		return
	}
	a.store.ReadFloor(pos)
}
