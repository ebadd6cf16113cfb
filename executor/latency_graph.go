package executor

import (
	"strconv"
	"strings"
)

// LATENCY GRAPH's drawing, the same characters Redis draws: a header, a
// rule, then the samples oldest first, one column each, as bars four rows
// high scaled from the lowest sample to the highest, each labelled
// vertically with how long ago it was (12s, 5m, 3h, 2d). Past 80 samples
// the drawing goes on in another block below.

const (
	graphColumns = 80
	graphRows    = 4
	// graphLevels are the characters a bar ends with, lowest first; a
	// row below a bar's end is filled with '|'.
	graphLevels = "_o#"
)

// latencyGraph draws event's samples as seen at now.
func latencyGraph(event string, samples []latencySample, worst, now int64) string {
	low, high := samples[0].millis, samples[0].millis
	for _, sample := range samples {
		low, high = min(low, sample.millis), max(high, sample.millis)
	}
	var b strings.Builder
	b.WriteString(event + " - high " + strconv.FormatInt(high, 10) + " ms, low " + strconv.FormatInt(low, 10) +
		" ms (all time high " + strconv.FormatInt(worst, 10) + " ms)\n")
	b.WriteString(strings.Repeat("-", graphColumns) + "\n")
	for start := 0; start < len(samples); start += graphColumns {
		if start != 0 {
			b.WriteByte('\n')
		}
		drawGraphBlock(&b, samples[start:min(start+graphColumns, len(samples))], low, high, now)
	}
	return b.String()
}

// drawGraphBlock draws up to graphColumns samples: the bar rows, an empty
// row, then one row per character of the longest label.
func drawGraphBlock(b *strings.Builder, samples []latencySample, low, high, now int64) {
	steps := len(graphLevels) * graphRows
	span := float64(high - low)
	if span == 0 {
		span = 1
	}
	labels := make([]string, len(samples))
	heights := make([]int, len(samples))
	longest := 0
	for i, sample := range samples {
		// The height is truncated twice, as Redis computes it.
		h := int(float64(int(float64(sample.millis-low)*float64(steps))) / span)
		heights[i] = min(max(h, 0), steps-1)
		labels[i] = agoLabel(now - sample.unixTime)
		longest = max(longest, len(labels[i]))
	}
	row := make([]byte, len(samples))
	for r := range graphRows {
		for i, h := range heights {
			// Which character of graphLevels this row shows of the bar:
			// below 0 the bar ends under this row, past the last it goes
			// on above it.
			level := h - (graphRows-r-1)*len(graphLevels)
			switch {
			case level < 0:
				row[i] = ' '
			case level < len(graphLevels):
				row[i] = graphLevels[level]
			default:
				row[i] = '|'
			}
		}
		b.Write(row)
		b.WriteByte('\n')
	}
	b.WriteString(strings.Repeat(" ", len(samples)) + "\n")
	for c := range longest {
		for i, label := range labels {
			row[i] = ' '
			if c < len(label) {
				row[i] = label[c]
			}
		}
		b.Write(row)
		b.WriteByte('\n')
	}
}

// agoLabel names a number of seconds ago in its largest whole unit.
func agoLabel(seconds int64) string {
	switch {
	case seconds < 60:
		return strconv.FormatInt(seconds, 10) + "s"
	case seconds < 3600:
		return strconv.FormatInt(seconds/60, 10) + "m"
	case seconds < 86400:
		return strconv.FormatInt(seconds/3600, 10) + "h"
	}
	return strconv.FormatInt(seconds/86400, 10) + "d"
}
