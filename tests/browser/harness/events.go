package harness

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
)

// cspBinding is the DevTools binding through which js/csp-listener.js reports
// Content-Security-Policy violations.
const cspBinding = "__plinthCSPViolation"

// cspViolation is one securitypolicyviolation event, as the listener sends it.
type cspViolation struct {
	Directive   string `json:"directive"`
	Blocked     string `json:"blocked"`
	Source      string `json:"source"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	Sample      string `json:"sample"`
	Disposition string `json:"disposition"`
}

// request is one network request a page made.
type request struct {
	URL     string
	Type    network.ResourceType
	Status  int64
	Failed  string
	Blocked network.BlockedReason
}

// pageEvents is what the browser reported while one page was open.
type pageEvents struct {
	ConsoleErrors []string
	Exceptions    []string
	CSP           []cspViolation
	Requests      []*request
}

// recorder collects a tab's events for the page being checked. Its handle
// method runs in chromedp's event loop for the tab (see chromedp.Listen), in
// the order the browser sent the events, so it only appends under a lock.
//
// The tab goes straight from one page to the next (a detour through
// about:blank would cost a new renderer process per page, and with it a cold
// compile of axe-core). Anything the previous page still does while the next
// one loads is told apart by generation: every execution context, network
// loader and request is stamped with the generation in which it first
// appeared, start begins a new generation, and events belonging to an
// earlier one are dropped.
type recorder struct {
	mu       sync.Mutex
	on       bool
	gen      int
	ev       pageEvents
	requests map[network.RequestID]*request
	mainDoc  network.RequestID // the page's own document request
	born     map[any]int       // context, loader or request id → generation first seen
}

// start forgets everything and begins recording for a new page.
func (r *recorder) start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = true
	r.gen++
	r.ev = pageEvents{}
	r.requests = map[network.RequestID]*request{}
	r.mainDoc = ""
}

// stop ends recording and returns what was recorded.
func (r *recorder) stop() pageEvents {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.ev
}

// note stamps an id with the current generation the first time it is seen.
// The caller holds r.mu.
func (r *recorder) note(id any) {
	if isEmptyID(id) {
		return
	}
	if r.born == nil {
		r.born = map[any]int{}
	}
	if _, ok := r.born[id]; !ok {
		r.born[id] = r.gen
	}
}

// stale reports whether an id belongs to an earlier page. Unknown ids are
// current: dropping an event wrongly would hide a failure.
func (r *recorder) stale(id any) bool {
	if isEmptyID(id) {
		return false
	}
	g, ok := r.born[id]
	return ok && g < r.gen
}

// isEmptyID reports an id the browser left empty (a worker's request has no
// loader, a log entry may name no request); it says nothing about its page.
func isEmptyID(id any) bool {
	switch id := id.(type) {
	case cdp.LoaderID:
		return id == ""
	case network.RequestID:
		return id == ""
	}
	return false
}

func (r *recorder) handle(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventExecutionContextCreated:
		if ev.Context != nil {
			// Context ids are per renderer process and may be reused
			// after a process swap, so a new context restamps its id.
			if r.born == nil {
				r.born = map[any]int{}
			}
			r.born[ev.Context.ID] = r.gen
		}
		return
	case *network.EventRequestWillBeSent:
		r.note(ev.LoaderID)
		r.note(ev.RequestID)
	}
	if !r.on {
		return
	}
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if r.stale(ev.ExecutionContextID) {
			return
		}
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.ev.ConsoleErrors = append(r.ev.ConsoleErrors, fmt.Sprintf("console.%s: %s%s", ev.Type, consoleArgs(ev.Args), stackPlace(ev.StackTrace)))
		}
	case *log.EventEntryAdded:
		e := ev.Entry
		// The browser logs a failed status of the page itself as an error;
		// the page's status is judged on its own (the 404 page must answer
		// 404), so that entry is not a console error of the page.
		if e == nil || e.Level != log.EntryLevelError || isFaviconProbe(e.URL) || r.stale(e.NetworkRequestID) ||
			(e.NetworkRequestID != "" && e.NetworkRequestID == r.mainDoc) {
			return
		}
		text := fmt.Sprintf("browser log (%s): %s", e.Source, e.Text)
		if e.URL != "" && !strings.Contains(e.Text, e.URL) {
			text += " [" + e.URL + "]"
		}
		r.ev.ConsoleErrors = append(r.ev.ConsoleErrors, text)
	case *runtime.EventExceptionThrown:
		if d := ev.ExceptionDetails; d != nil && r.stale(d.ExecutionContextID) {
			return
		}
		r.ev.Exceptions = append(r.ev.Exceptions, exceptionText(ev.ExceptionDetails))
	case *runtime.EventBindingCalled:
		if ev.Name != cspBinding || r.stale(ev.ExecutionContextID) {
			return
		}
		var v cspViolation
		if err := json.Unmarshal([]byte(ev.Payload), &v); err != nil {
			v = cspViolation{Sample: ev.Payload}
		}
		r.ev.CSP = append(r.ev.CSP, v)
	case *network.EventRequestWillBeSent:
		if ev.Request == nil || isFaviconProbe(ev.Request.URL) || r.stale(ev.LoaderID) || r.stale(ev.RequestID) {
			return
		}
		req, ok := r.requests[ev.RequestID]
		if !ok {
			req = &request{}
			r.requests[ev.RequestID] = req
			r.ev.Requests = append(r.ev.Requests, req)
		}
		// A redirect reuses the request id; keep the final address.
		req.URL, req.Type = ev.Request.URL, ev.Type
		if ev.Type == network.ResourceTypeDocument && r.mainDoc == "" {
			r.mainDoc = ev.RequestID
		}
	case *network.EventResponseReceived:
		if req, ok := r.requests[ev.RequestID]; ok && ev.Response != nil {
			req.Status, req.Type = ev.Response.Status, ev.Type
		}
	case *network.EventLoadingFailed:
		if req, ok := r.requests[ev.RequestID]; ok {
			req.Failed, req.Blocked = ev.ErrorText, ev.BlockedReason
		}
	case *network.EventWebSocketCreated:
		req := &request{URL: ev.URL, Type: network.ResourceTypeWebSocket}
		r.requests[ev.RequestID] = req
		r.ev.Requests = append(r.ev.Requests, req)
	}
}

// isFaviconProbe reports whether a URL is the browser's own guess at
// /favicon.ico for a page that declares no icon. The browser, not the page,
// makes that request, once per tab at its own discretion, so it would make
// findings depend on which tab visited a page first. An icon the page does
// declare is loaded as a normal request and checked like any other.
func isFaviconProbe(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Path == "/favicon.ico"
}

// consoleArgs formats console.error arguments roughly as DevTools shows them.
func consoleArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		var s string
		if len(a.Value) > 0 && json.Unmarshal(a.Value, &s) == nil {
			parts = append(parts, s)
			continue
		}
		switch {
		case a.Description != "":
			parts = append(parts, firstLine(a.Description))
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "uncaught exception"
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text = strings.TrimSuffix(text, ".") + ": " + firstLine(d.Exception.Description)
	}
	where := d.URL
	if where == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
		where = d.StackTrace.CallFrames[0].URL
	}
	if where != "" {
		text += fmt.Sprintf(" at %s:%d:%d", where, d.LineNumber+1, d.ColumnNumber+1)
	}
	return text
}

func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 || st.CallFrames[0].URL == "" {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (at %s:%d:%d)", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}

// origin returns scheme://host[:port] of a URL, or "" for URLs that name no
// network origin (data:, blob:, about:).
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss") {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
