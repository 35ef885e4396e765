// Command fcp times the first contentful paint of pages of two built
// sites in headless Chromium on an emulated slow phone connection (400
// kbit/s down and up, 400 ms round trip, no cache), alternating the sites
// run by run, and prints each page's median, range and the load average.
// It compares a build before a change with one after it, such as the
// stylesheet before and after pruning:
//
//	go run ./cmd/plinth build --destination /tmp/after
//	git stash; go run ./cmd/plinth build --destination /tmp/before; git stash pop
//	go run ./bench/fcp -before /tmp/before -after /tmp/after -runs 5
//
// Both sites are served from 127.0.0.1 by a file server that gzips every
// response, as static hosts do.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

func main() {
	before := flag.String("before", "", "folder of the site built before the change")
	after := flag.String("after", "", "folder of the site built after the change")
	runs := flag.Int("runs", 5, "loads of each page on each site")
	pages := flag.String("pages", "/,/framework/2021/standards/1-1/,/search/", "comma-separated paths")
	chromium := flag.String("chromium", "", "Chromium's executable (default: chromium on $PATH)")
	flag.Parse()
	if *before == "" || *after == "" {
		log.Fatal("give -before and -after, the folders of two built sites")
	}
	if *chromium == "" {
		p, err := exec.LookPath("chromium")
		if err != nil {
			log.Fatal("no chromium on $PATH: give -chromium")
		}
		*chromium = p
	}
	urls := []string{serve(*before), serve(*after)}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(*chromium),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.NoFirstRun)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("load average at start: %s", loadavg())
	for _, p := range strings.Split(*pages, ",") {
		times := [2][]float64{}
		for range *runs {
			for i, u := range urls {
				ms, err := fcp(browser, u+p)
				if err != nil {
					log.Fatalf("%s%s: %v", u, p, err)
				}
				times[i] = append(times[i], ms)
			}
		}
		for i, name := range []string{"before", "after"} {
			slices.Sort(times[i])
			t := times[i]
			fmt.Printf("%-32s %-6s FCP median %6.0f ms (range %.0f–%.0f, %d runs)\n", p, name, t[len(t)/2], t[0], t[len(t)-1], len(t))
		}
	}
	fmt.Printf("load average at end: %s", loadavg())
}

// serve serves dir on a free port of 127.0.0.1 and returns its address.
func serve(dir string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Fatal(http.Serve(ln, gzipped(http.FileServer(http.Dir(dir))))) }()
	return "http://" + ln.Addr().String()
}

// gzipped compresses every response, as static hosts do.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(rec.Body.Bytes())
		zw.Close()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		w.WriteHeader(rec.Code)
		w.Write(buf.Bytes())
	})
}

// fcp loads url in a new tab on the slow connection and returns its first
// contentful paint in milliseconds.
func fcp(browser context.Context, url string) (float64, error) {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()
	const rate = 400 * 1000 / 8 // 400 kbit/s in bytes per second
	throttle := chromedp.Action[chromedp.Void](func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: 400, DownloadThroughput: rate, UploadThroughput: rate}},
		})
		return chromedp.Void{}, err
	})
	if err := chromedp.Do(ctx, throttle, chromedp.EmulateViewport(390, 844), chromedp.Navigate(url)); err != nil {
		return 0, err
	}
	return chromedp.Run(ctx, chromedp.Poll[float64](`(() => { const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : false })()`,
		chromedp.WithPollingInterval(50*time.Millisecond)))
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown\n"
	}
	return string(data)
}
