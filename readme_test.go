package main

import (
	"os"
	"strings"
	"testing"

	"redis-lite/config"
)

// TestREADMESettingsTable holds the README's table of settings to the
// settings table itself: a setting added, renamed or documented
// differently fails here until the README says the same. On failure it
// prints the table to paste.
func TestREADMESettingsTable(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := config.MarkdownTable()
	if !strings.Contains(string(readme), want) {
		t.Fatalf("README.md's table of settings differs from config.Table; it should read:\n\n%s", want)
	}
}
