package linkcheck

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Status is the result of fetching one external link.
type Status struct {
	Link
	// Code is the HTTP status, or 0 if the request failed; Err says why.
	Code int
	Err  error
}

// OK reports whether the link answered with a success or redirect status.
func (s Status) OK() bool { return s.Err == nil && s.Code >= 200 && s.Code < 400 }

// Fetch asks each external link's server whether it exists (HEAD, then GET
// for servers that refuse HEAD), a few at a time and each within timeout.
// Only `plinth check --external` calls it: a build never uses the network.
func Fetch(ctx context.Context, links []Link, timeout time.Duration) []Status {
	out := make([]Status, len(links))
	client := &http.Client{Timeout: timeout}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, l := range links {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = Status{Link: l}
			out[i].Code, out[i].Err = fetch(ctx, client, l.URL)
		}()
	}
	wg.Wait()
	return out
}

func fetch(ctx context.Context, client *http.Client, u string) (int, error) {
	code := 0
	for _, method := range []string{http.MethodHead, http.MethodGet} {
		req, err := http.NewRequestWithContext(ctx, method, u, nil)
		if err != nil {
			return 0, err
		}
		req.Header.Set("User-Agent", "plinth-linkcheck")
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		code = resp.StatusCode
		if code != http.StatusMethodNotAllowed && code != http.StatusNotImplemented {
			break
		}
	}
	if code >= 400 {
		return code, fmt.Errorf("the server answered %d %s", code, http.StatusText(code))
	}
	return code, nil
}
