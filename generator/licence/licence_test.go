package licence

import (
	"encoding/json"
	"testing"
)

func TestCSVMetadata(t *testing.T) {
	l := Licence{Name: "Open Government Licence v3.0", URL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
	data := CSVMetadata("framework/2021/standards.csv", "Quality Framework 2021: the standards", l, "© Example Body")
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	lic, _ := got["dc:license"].(map[string]any)
	checks := map[string]any{
		"@context":  "http://www.w3.org/ns/csvw",
		"url":       "standards.csv", // relative to the metadata file, which sits beside it
		"dc:title":  "Quality Framework 2021: the standards",
		"dc:rights": "© Example Body",
	}
	for k, want := range checks {
		if got[k] != want {
			t.Errorf("%s = %v, want %v", k, got[k], want)
		}
	}
	if lic["@id"] != l.URL || lic["dc:title"] != l.Name {
		t.Errorf("dc:license = %v, want the licence's address and name", lic)
	}
}
