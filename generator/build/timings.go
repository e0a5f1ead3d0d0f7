package build

import (
	"fmt"
	"io"
	"time"
)

// Timings records how long each stage of a build took, for --timings.
// A nil *Timings records nothing.
type Timings struct {
	Stages []Stage
	last   time.Time
}

// Stage is one step of the pipeline and its wall time.
type Stage struct {
	Name string
	Took time.Duration
}

// NewTimings starts the clock.
func NewTimings() *Timings { return &Timings{last: time.Now()} }

// done ends the stage running since the previous call.
func (t *Timings) done(name string) {
	if t == nil {
		return
	}
	now := time.Now()
	t.Stages = append(t.Stages, Stage{name, now.Sub(t.last)})
	t.last = now
}

// Print writes one line per stage, with its share of the total.
func (t *Timings) Print(w io.Writer) {
	var total time.Duration
	for _, s := range t.Stages {
		total += s.Took
	}
	for _, s := range t.Stages {
		fmt.Fprintf(w, "  %-18s %8s  %3.0f%%\n", s.Name, s.Took.Round(time.Millisecond), 100*float64(s.Took)/float64(max(total, 1)))
	}
	fmt.Fprintf(w, "  %-18s %8s\n", "total", total.Round(time.Millisecond))
}
