package store

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"careerguide/internal/quiz"
	"careerguide/internal/store/db"

	"github.com/jackc/pgx/v5/pgtype"
)

// batchParams is one SaveBatch statement for rs: the results as rows, and
// every counter the batch changes added up into one row each on shard, in
// key order, so two batches that share a counter row lock it in the same
// order and never deadlock.
func batchParams(rs []*Result, shard int16) db.SaveBatchParams {
	p := db.SaveBatchParams{Shard: shard, MinClients: MinGroup}
	var (
		hist    = map[histKey]int64{}
		codes   = map[groupKey]int64{}
		site    = map[groupKey]int64{}
		levels  = map[groupKey]*levelSum{}
		moments = map[string]*momentSum{}
		clients = map[clientKey]bool{}
		alpha   = map[[2]string]bool{} // (layout, client) already in the batch
		people  = map[string]int64{}   // results with a known sender, per scope
		met     = map[groupKey]bool{}  // (scope, sender) in the batch
		day     time.Time
	)
	for _, r := range rs {
		if day.IsZero() {
			day = r.AlphaDay
		}
		p.Ids = append(p.Ids, r.ID)
		p.CareerSlugs = append(p.CareerSlugs, r.CareerSlug)
		p.MatchPcts = append(p.MatchPcts, r.Match)
		p.Hollands = append(p.Hollands, r.Holland)
		p.LevelKeys = append(p.LevelKeys, r.LevelKey)
		p.UserIds = append(p.UserIds, r.UserID)
		p.Percentiles = append(p.Percentiles, int16(r.Percentile))
		p.TopOccupations = append(p.TopOccupations, r.TopOccupation)
		p.Answers = append(p.Answers, intArray(r.Answers))
		p.Scores = append(p.Scores, realArray(r.Scores[:]))
		p.Layouts = append(p.Layouts, r.Layout)
		if r.AlphaClient != nil {
			for _, a := range r.Alpha {
				k := [2]string{a.Layout, string(r.AlphaClient)}
				if alpha[k] {
					continue // the same client twice in one batch: the first counts
				}
				alpha[k] = true
				p.AlphaLayouts = append(p.AlphaLayouts, a.Layout)
				p.AlphaClients = append(p.AlphaClients, r.AlphaClient)
				p.AlphaSums = append(p.AlphaSums, intArray(a.Sums))
			}
		}
		if r.Sender != nil {
			// Every result counts site-wide, and in its guide when it has one.
			people[SiteScope]++
			met[groupKey{SiteScope, string(r.Sender)}] = true
			if r.CareerSlug != SiteScope {
				people[r.CareerSlug]++
				met[groupKey{r.CareerSlug, string(r.Sender)}] = true
			}
		}
		if r.CareerSlug == "" {
			// A result of the test for everyone (/match) has no guide: it
			// counts site-wide only.
			for _, g := range r.siteGroups() {
				site[g]++
			}
			if r.Client != nil {
				for _, g := range r.siteGroups() {
					clients[clientKey{"", g.a, g.b, string(r.Client)}] = true
				}
			}
			continue
		}

		bucket := int16(quiz.Bucket(r.Match))
		hist[histKey{r.CareerSlug, bucket}]++
		codes[groupKey{r.CareerSlug, r.GuideCode()}]++
		l := levels[groupKey{r.CareerSlug, r.LevelKey}]
		if l == nil {
			l = &levelSum{}
			levels[groupKey{r.CareerSlug, r.LevelKey}] = l
		}
		l.results++
		l.match += r.Match
		for _, g := range r.siteGroups() {
			site[g]++
		}
		if r.Moments != nil {
			m := moments[r.Layout]
			if m == nil {
				m = &momentSum{sums: make([]int64, len(r.Moments))}
				moments[r.Layout] = m
			}
			if len(m.sums) == len(r.Moments) { // a layout has one length
				m.results++
				for i, v := range r.Moments {
					m.sums[i] += v
				}
			}
		}
		if r.Client != nil {
			client := string(r.Client)
			clients[clientKey{"", "h", strconv.Itoa(int(bucket)), client}.in(r.CareerSlug)] = true
			clients[clientKey{"", "c", r.GuideCode(), client}.in(r.CareerSlug)] = true
			clients[clientKey{"", "l", r.LevelKey, client}.in(r.CareerSlug)] = true
			for _, g := range r.siteGroups() {
				clients[clientKey{"", g.a, g.b, client}] = true
			}
		}
	}
	if day.IsZero() {
		day = time.Now()
	}
	today := day.UTC().Truncate(24 * time.Hour)
	p.AlphaDay = pgtype.Date{Time: today, Valid: true}
	p.AlphaBefore = pgtype.Date{Time: today.AddDate(0, 0, -1), Valid: true} // today's and yesterday's rows are kept
	for _, k := range sortedKeys(hist, func(a, b histKey) int { return cmp.Or(cmp.Compare(a.slug, b.slug), cmp.Compare(a.bucket, b.bucket)) }) {
		p.HistSlugs, p.HistBuckets, p.HistResults = append(p.HistSlugs, k.slug), append(p.HistBuckets, k.bucket), append(p.HistResults, hist[k])
	}
	for _, k := range sortedKeys(codes, groupKey.compare) {
		p.CodeSlugs, p.Codes, p.CodeResults = append(p.CodeSlugs, k.a), append(p.Codes, k.b), append(p.CodeResults, codes[k])
	}
	for _, k := range sortedKeys(site, groupKey.compare) {
		p.SiteKinds, p.SiteKeys, p.SiteResults = append(p.SiteKinds, k.a), append(p.SiteKeys, k.b), append(p.SiteResults, site[k])
	}
	for _, k := range sortedKeys(levels, groupKey.compare) {
		p.LevelSlugs, p.LevelLevelKeys = append(p.LevelSlugs, k.a), append(p.LevelLevelKeys, k.b)
		p.LevelResults, p.LevelMatchSums = append(p.LevelResults, levels[k].results), append(p.LevelMatchSums, levels[k].match)
	}
	for _, layout := range sortedKeys(moments, strings.Compare) {
		m := moments[layout]
		p.MomentLayouts, p.MomentResults, p.MomentSums = append(p.MomentLayouts, layout), append(p.MomentResults, m.results), append(p.MomentSums, intArray(m.sums))
	}
	for _, scope := range sortedKeys(people, strings.Compare) {
		p.PeopleSlugs, p.PeopleResults = append(p.PeopleSlugs, scope), append(p.PeopleResults, people[scope])
	}
	for _, k := range sortedKeys(met, groupKey.compare) {
		p.MetSlugs, p.MetClients = append(p.MetSlugs, k.a), append(p.MetClients, []byte(k.b))
	}
	for _, k := range sortedKeys(clients, clientKey.compare) {
		p.ClientSlugs, p.ClientKinds = append(p.ClientSlugs, k.slug), append(p.ClientKinds, k.kind)
		p.ClientKeys, p.Clients = append(p.ClientKeys, k.key), append(p.Clients, []byte(k.client))
	}
	return p
}

// siteGroups are the site-wide groups r counts in, as (kind, key): a flat
// result only as flat; any other under its Holland code and its best
// occupation, when it has one.
func (r *Result) siteGroups() []groupKey {
	if r.Flat {
		return []groupKey{{"f", ""}}
	}
	g := []groupKey{{"c", r.Holland}}
	if r.TopOccupation != "" {
		g = append(g, groupKey{"o", r.TopOccupation})
	}
	return g
}

type histKey struct {
	slug   string
	bucket int16
}

// groupKey is a pair of keys: (career, code), (career, level), (kind, key)
// or (scope, sender).
type groupKey struct{ a, b string }

func (k groupKey) compare(o groupKey) int {
	return cmp.Or(strings.Compare(k.a, o.a), strings.Compare(k.b, o.b))
}

type levelSum struct {
	results int64
	match   float64
}

type momentSum struct {
	results int64
	sums    []int64
}

// clientKey is a client in a group: slug "" for the site-wide groups.
type clientKey struct{ slug, kind, key, client string }

func (k clientKey) in(slug string) clientKey { k.slug = slug; return k }

func (k clientKey) compare(o clientKey) int {
	return cmp.Or(strings.Compare(k.slug, o.slug), strings.Compare(k.kind, o.kind), strings.Compare(k.key, o.key), strings.Compare(k.client, o.client))
}

func sortedKeys[K comparable, V any](m map[K]V, compare func(a, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compare)
	return keys
}

// intArray is a PostgreSQL array literal of integers: "{1,2,3}".
func intArray[T int | int64](vs []T) string {
	b := make([]byte, 0, 2+4*len(vs))
	b = append(b, '{')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(v), 10)
	}
	return string(append(b, '}'))
}

// realArray is a PostgreSQL array literal of reals, each the shortest text
// that reads back as the same float32.
func realArray(vs []float64) string {
	b := make([]byte, 0, 2+10*len(vs))
	b = append(b, '{')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendFloat(b, float64(float32(v)), 'g', -1, 32)
	}
	return string(append(b, '}'))
}
