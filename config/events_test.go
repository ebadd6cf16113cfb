package config

import "testing"

// TestParseKeyspaceEvents: the letters in any order read back in Redis's
// order, A standing for its classes; an unknown letter is refused.
func TestParseKeyspaceEvents(t *testing.T) {
	cases := map[string]string{
		"": "", "KEA": "AKE", "gKE": "gKE", "$lshzxeKE": "$lshzxeKE", "g$lshzxetd": "A", "mKE": "KEm",
		"EKg": "gKE", "ggKK": "gK", "nA": "An", "xn": "xn", "Ad": "A",
	}
	for in, want := range cases {
		got, reason := parseKeyspaceEvents(in)
		if got != want || reason != "" {
			t.Errorf("%q: got %q (%q), want %q", in, got, reason, want)
		}
	}
	if _, reason := parseKeyspaceEvents("KEw"); reason != "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." {
		t.Errorf("KEw: %q", reason)
	}
}
