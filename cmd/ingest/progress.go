package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress draws run's progress line on a terminal: files done of total,
// facts written, rate and time left, redrawn in place. On anything but a
// terminal it draws nothing, so cron and pipes stay quiet.
type progress struct {
	w   io.Writer // nil: draw nothing
	bar *progressbar.ProgressBar
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress returns a progress line on w if w is a terminal and on is
// set; otherwise one that draws nothing.
func newProgress(w io.Writer, on bool) *progress {
	if !on || !isTerminal(w) {
		return &progress{}
	}
	return &progress{w: w}
}

// update is pipeline.Pipeline's Progress.
func (p *progress) update(done, total, facts int) {
	if p.w == nil || total == 0 {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetWidth(30),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Describe(plural(facts, "fact"))
	p.bar.Set(done)
}

// clear erases the line (a run that was stopped leaves it unfinished), so
// that what follows starts on a clean line.
func (p *progress) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}
