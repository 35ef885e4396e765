package build

import (
	"os"
	"runtime/pprof"
	"testing"
	"time"
)

func TestProfileFull(t *testing.T) {
	dir := "/tmp/sg10"
	o := Options{Source: dir, Now: time.Now()}
	f, _ := os.Create("/tmp/full.prof")
	pprof.StartCPUProfile(f)
	res, _ := Run(o)
	pprof.StopCPUProfile()
	f.Close()
	t.Logf("%v", res.Stages)
}
