// Package charts draws the summary charts (issues by field, events by type
// per month, age bands, service types, field completeness) with gonum/plot
// into images of a requested size. It imports no Fyne, so the same charts
// can go into the window, a report or a test.
//
// Every chart takes the summary, the image size in pixels and whether the
// window uses a dark theme, and returns an image of exactly that size. Text
// scales with the size; a summary with nothing to show gives a chart with a
// "No data" note; no summary (nil, zero values, odd values) makes a chart
// panic. Each drawing is independent, so charts may be drawn concurrently,
// and takes a few milliseconds at 800×600.
package charts
