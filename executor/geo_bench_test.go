package executor

import (
	"math/rand"
	"strconv"
	"testing"

	"redis-lite/geo"
	"redis-lite/zsets"
)

// BenchmarkGeoSearch searches 200 km around a point of a region holding
// 100,000 points, about 13,000 of them inside.
func BenchmarkGeoSearch(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	z := zsets.NewBig()
	lim := defaultZSetLimits
	for i := 0; i < 100000; i++ {
		score := geo.Score(10+r.Float64()*10, 35+r.Float64()*10)
		z.Set([]byte("m"+strconv.Itoa(i)), float64(score), lim)
	}
	q := geoQuery{shape: geo.Shape{Lon: 15, Lat: 40, Radius: 200, ToMeters: 1000}, order: geoAsc}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q.search(z)
	}
}
