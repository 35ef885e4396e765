package harness

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
)

func consoleError(ctx runtime.ExecutionContextID, text string) *runtime.EventConsoleAPICalled {
	v, _ := json.Marshal(text)
	return &runtime.EventConsoleAPICalled{Type: runtime.ConsoleAPICalledTypeError, ExecutionContextID: ctx,
		Args: []*runtime.RemoteObject{{Type: runtime.RemoteObjectTypeString, Value: v}}}
}

func contextCreated(id runtime.ExecutionContextID) *runtime.EventExecutionContextCreated {
	return &runtime.EventExecutionContextCreated{Context: &runtime.ExecutionContextDescription{ID: id}}
}

func requestSent(req network.RequestID, loader cdp.LoaderID, url string) *network.EventRequestWillBeSent {
	return &network.EventRequestWillBeSent{RequestID: req, LoaderID: loader, Request: &network.Request{URL: url}, Type: network.ResourceTypeScript}
}

// TestRecorderDropsThePreviousPage checks the generations: events of the
// page that was open before start are dropped; the new page's are kept, also
// when the browser reuses a context id after a process swap.
func TestRecorderDropsThePreviousPage(t *testing.T) {
	var r recorder
	r.handle(contextCreated(9)) // about:blank, before any page
	r.start()
	r.handle(contextCreated(1))
	r.handle(requestSent("L1", "L1", "http://x/a.html"))
	r.handle(consoleError(1, "first page"))
	first := r.stop()
	if len(first.ConsoleErrors) != 1 || len(first.Requests) != 1 {
		t.Fatalf("first page: %+v", first)
	}

	r.start()
	// Late events of the first page: its context, loader and request.
	r.handle(consoleError(1, "late"))
	r.handle(requestSent("R9", "L1", "http://x/late.js"))
	r.handle(&runtime.EventExceptionThrown{ExceptionDetails: &runtime.ExceptionDetails{Text: "late", ExecutionContextID: 1}})
	r.handle(&runtime.EventBindingCalled{Name: cspBinding, Payload: `{"directive":"img-src"}`, ExecutionContextID: 1})
	r.handle(&log.EventEntryAdded{Entry: &log.Entry{Level: log.EntryLevelError, Text: "late 404", NetworkRequestID: "L1"}})
	// The second page.
	r.handle(contextCreated(2))
	r.handle(&network.EventRequestWillBeSent{RequestID: "L2", LoaderID: "L2", Request: &network.Request{URL: "http://x/b.html"}, Type: network.ResourceTypeDocument})
	r.handle(&log.EventEntryAdded{Entry: &log.Entry{Level: log.EntryLevelError, Source: log.EntrySourceNetwork, Text: "404 of the page itself", NetworkRequestID: "L2"}})
	r.handle(requestSent("R3", "", "http://x/worker.js"))
	r.handle(consoleError(2, "second page"))
	r.handle(consoleError(7, "unknown context"))
	r.handle(&log.EventEntryAdded{Entry: &log.Entry{Level: log.EntryLevelError, Source: log.EntrySourceSecurity, Text: "CSP"}})
	r.handle(&log.EventEntryAdded{Entry: &log.Entry{Level: log.EntryLevelWarning, Text: "just a warning"}})
	r.handle(requestSent("F", "L2", "http://x/favicon.ico"))
	second := r.stop()

	want := []string{"console.error: second page", "console.error: unknown context", "browser log (security): CSP"}
	if len(second.ConsoleErrors) != len(want) {
		t.Fatalf("console errors %q, want %q", second.ConsoleErrors, want)
	}
	for i := range want {
		if second.ConsoleErrors[i] != want[i] {
			t.Errorf("console error %d = %q, want %q", i, second.ConsoleErrors[i], want[i])
		}
	}
	if len(second.Exceptions) != 0 || len(second.CSP) != 0 {
		t.Errorf("the first page's exception or CSP report leaked: %+v", second)
	}
	var urls []string
	for _, q := range second.Requests {
		urls = append(urls, q.URL)
	}
	if len(urls) != 2 || urls[0] != "http://x/b.html" || urls[1] != "http://x/worker.js" {
		t.Errorf("requests %v, want b.html and worker.js (the late script and the favicon probe dropped)", urls)
	}

	// A new process may hand out context id 1 again: it is the new page's.
	r.start()
	r.handle(contextCreated(1))
	r.handle(consoleError(1, "third page"))
	if third := r.stop(); len(third.ConsoleErrors) != 1 {
		t.Errorf("a reused context id must count for the new page: %+v", third)
	}

	// Nothing is recorded between pages.
	r.handle(consoleError(1, "between"))
	r.start()
	if got := r.stop(); len(got.ConsoleErrors) != 0 {
		t.Errorf("recorded while stopped: %+v", got)
	}
}

func TestRecorderRequestLifecycle(t *testing.T) {
	var r recorder
	r.start()
	r.handle(requestSent("A", "L", "http://x/old"))
	r.handle(requestSent("A", "L", "http://x/new")) // redirect
	r.handle(&network.EventResponseReceived{RequestID: "A", Type: network.ResourceTypeStylesheet, Response: &network.Response{Status: 404}})
	r.handle(requestSent("B", "L", "https://cdn.example.org/x.js"))
	r.handle(&network.EventLoadingFailed{RequestID: "B", ErrorText: "net::ERR_BLOCKED_BY_CLIENT", BlockedReason: network.BlockedReasonCsp})
	r.handle(&network.EventWebSocketCreated{RequestID: "W", URL: "wss://live.example.org/"})
	ev := r.stop()
	if len(ev.Requests) != 3 {
		t.Fatalf("requests %+v", ev.Requests)
	}
	if q := ev.Requests[0]; q.URL != "http://x/new" || q.Status != 404 || q.Type != network.ResourceTypeStylesheet {
		t.Errorf("redirected request %+v", q)
	}
	if q := ev.Requests[1]; q.Blocked != network.BlockedReasonCsp || q.Failed == "" {
		t.Errorf("blocked request %+v", q)
	}
	if q := ev.Requests[2]; q.Type != network.ResourceTypeWebSocket {
		t.Errorf("websocket %+v", q)
	}
}

func TestExceptionText(t *testing.T) {
	d := &runtime.ExceptionDetails{Text: "Uncaught", URL: "http://x/a.js", LineNumber: 2, ColumnNumber: 9,
		Exception: &runtime.RemoteObject{Description: "TypeError: x is null\n    at http://x/a.js:3:10"}}
	if got, want := exceptionText(d), "Uncaught: TypeError: x is null at http://x/a.js:3:10"; got != want {
		t.Errorf("exceptionText = %q, want %q", got, want)
	}
}

func TestOrigin(t *testing.T) {
	for raw, want := range map[string]string{
		"http://127.0.0.1:8080/a?b": "http://127.0.0.1:8080",
		"https://cdn.example.org/x": "https://cdn.example.org",
		"wss://live.example.org/":   "wss://live.example.org",
		"data:image/png;base64,AA":  "",
		"blob:http://x/uuid":        "",
		"about:blank":               "",
	} {
		if got := origin(raw); got != want {
			t.Errorf("origin(%q) = %q, want %q", raw, got, want)
		}
	}
}
