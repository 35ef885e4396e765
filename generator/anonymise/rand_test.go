package anonymise

import (
	"flag"
	"math/rand/v2"
	"os"
	"strconv"
)

// -property.scale (or PLINTH_PROPERTY_SCALE) multiplies the number of random
// cases the property tests run; the seed is fixed so a run can be repeated.
var propertyScale = flag.Int("property.scale", envInt("PLINTH_PROPERTY_SCALE", 1), "multiply the number of random property-test cases")

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x706c696e7468)) }
