package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"careerguide/internal/career"
	"careerguide/internal/store/db"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// ContentChannel is the LISTEN/NOTIFY channel announcing a content sync.
const ContentChannel = "content_changed"

// SyncContent replaces the content in the database with cat in one
// transaction, unless the stored hash already equals cat.Hash and the
// content was synced under the current schema version (a migration may add
// content columns that only a new sync fills). It reports whether anything
// changed; on change it notifies ContentChannel.
func (s *Store) SyncContent(ctx context.Context, cat *career.Catalog) (changed bool, err error) {
	err = s.inTx(ctx, pgx.TxOptions{}, func(q *db.Queries) error {
		if err := q.LockContent(ctx); err != nil {
			return err
		}
		state, err := q.ContentSyncState(ctx)
		if err != nil {
			return err
		}
		if state.Hash == cat.Hash && state.SchemaVersion == state.CurrentVersion {
			return nil
		}
		changed = true
		// Careers first: deleting them deletes the skills' topic links.
		for _, f := range []func(context.Context) error{q.DeleteCareers, q.DeleteQuestions, q.DeleteRIASECTypes, q.DeleteSkillTopics} {
			if err := f(ctx); err != nil {
				return err
			}
		}
		if err := insertCatalog(ctx, q, cat); err != nil {
			return err
		}
		if err := q.SetContentHash(ctx, db.SetContentHashParams{Hash: cat.Hash, SchemaVersion: state.CurrentVersion}); err != nil {
			return err
		}
		return q.NotifyContentChanged(ctx, cat.Hash)
	})
	if err != nil {
		return false, fmt.Errorf("sync content: %w", err)
	}
	return changed, nil
}

func jsonOf(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Only plain structs of strings, ints and bools are marshalled here.
		panic(err)
	}
	return b
}

// jsonOrNull is NULL for a nil pointer.
func jsonOrNull[T any](v *T) []byte {
	if v == nil {
		return nil
	}
	return jsonOf(v)
}

func insertCatalog(ctx context.Context, q *db.Queries, cat *career.Catalog) error {
	var (
		types     []db.InsertRIASECTypeParams
		questions []db.InsertQuestionParams
		interests []db.InsertInterestParams
		levels    []db.InsertLevelParams
		examples  []db.InsertLevelExampleParams
		points    []db.InsertProjectionParams
		pcts      []db.InsertPercentileParams
		topics    []db.InsertSkillTopicParams
		skills    []db.InsertSkillParams
		topicRefs []db.InsertSkillTopicLinkParams
		resources []db.InsertSkillResourceParams
		entries   []db.InsertScheduleEntryParams
		myths     []db.InsertMythParams
		ratings   []db.InsertRatingParams
		reading   []db.InsertReadingLinkParams
	)
	for i, t := range cat.RIASEC {
		types = append(types, db.InsertRIASECTypeParams{Letter: t.Letter, Position: int16(i), Name: t.Name, Summary: t.Summary, Source: jsonOf(career.Source{})})
	}
	for i, qu := range cat.Questions {
		questions = append(questions, db.InsertQuestionParams{ID: qu.ID, Position: int16(i), Text: qu.Text, Type: qu.Type, Reverse: qu.Reverse})
	}
	for i, t := range cat.Topics {
		topics = append(topics, db.InsertSkillTopicParams{Key: t.Key, Position: int16(i), Name: t.Name})
	}
	for ci, c := range cat.Careers {
		err := q.InsertCareer(ctx, db.InsertCareerParams{
			Slug: c.Slug, Position: int32(ci), Name: c.Name, Tagline: c.Tagline, Summary: c.Summary,
			OverviewHtml: c.Overview, SocCode: c.SOCCode, OnetCode: c.ONetCode, HollandCode: c.HollandCode,
			InterestsSource:    jsonOf(c.Interests.Source),
			ProjectionNoteHtml: c.Projection.Note, ProjectionPay: jsonOf(c.Projection.Pay),
			MarketOccupation: c.Market.Occupation, MarketGrowthPct: int32(c.Market.GrowthPercent),
			MarketGrowthPeriod: c.Market.GrowthPeriod, MarketGrowthOccupation: c.Market.GrowthOccupation, MarketSource: jsonOf(c.Market.Source),
			DayIntroHtml: c.Day.Intro, RemoteHtml: c.WorkLife.Remote, OncallHtml: c.WorkLife.OnCall,
			WorklifeSource: jsonOrNull(c.WorkLife.Source),
		})
		if err != nil {
			return fmt.Errorf("career %s: %w", c.Slug, err)
		}
		for i, score := range c.Interests.Scores {
			interests = append(interests, db.InsertInterestParams{CareerSlug: c.Slug, Letter: career.Letters[i : i+1], Score: score})
		}
		for _, l := range c.Levels {
			levels = append(levels, db.InsertLevelParams{
				CareerSlug: c.Slug, Key: l.Key, Rank: int16(l.Rank), Title: l.Title, Short: l.Short,
				YearsMin: int16(l.YearsMin), YearsMax: pgtype.Int2{Int16: int16(l.YearsMax), Valid: l.YearsMax > 0},
				BaseMin: int32(l.Base.Min), BaseMax: int32(l.Base.Max),
				EquityMin: int32(l.WithEquity.Min), EquityMax: int32(l.WithEquity.Max),
				TopMin: int32(l.TopMarket.Min), TopMax: int32(l.TopMarket.Max),
				Pay: jsonOf(l.Pay), Summary: l.Summary, ResponsibilitiesHtml: l.Responsibilities,
			})
			for i, e := range l.Examples {
				examples = append(examples, db.InsertLevelExampleParams{CareerSlug: c.Slug, LevelKey: l.Key, Position: int16(i), Text: e})
			}
		}
		for _, p := range c.Projection.Points {
			points = append(points, db.InsertProjectionParams{CareerSlug: c.Slug, Year: int16(p.Year), Stage: p.Stage, Conservative: int32(p.Conservative), Aggressive: int32(p.Aggressive)})
		}
		for _, p := range c.Market.Percentiles {
			pcts = append(pcts, db.InsertPercentileParams{CareerSlug: c.Slug, Percentile: int16(p.Percentile), Annual: int32(p.Annual)})
		}
		for i, sk := range c.Skills {
			skills = append(skills, db.InsertSkillParams{
				CareerSlug: c.Slug, Slug: sk.Slug, Position: int16(i), Name: sk.Name, LevelKey: sk.LevelKey,
				Summary: sk.Summary, HowToLearnHtml: sk.HowToLearn, BoostText: sk.Boost.Text, BoostPay: jsonOf(sk.Boost.Pay),
			})
			for j, t := range sk.Topics {
				topicRefs = append(topicRefs, db.InsertSkillTopicLinkParams{CareerSlug: c.Slug, SkillSlug: sk.Slug, Position: int16(j), TopicKey: t})
			}
			for j, r := range sk.Resources {
				resources = append(resources, db.InsertSkillResourceParams{CareerSlug: c.Slug, SkillSlug: sk.Slug, Position: int16(j), Title: r.Title, Url: r.URL, Note: r.Note})
			}
		}
		for seniority, list := range map[string][]career.ScheduleEntry{"junior": c.Day.Junior, "senior": c.Day.Senior} {
			for i, e := range list {
				entries = append(entries, db.InsertScheduleEntryParams{CareerSlug: c.Slug, Seniority: seniority, Position: int16(i), TimeLabel: e.Time, Activity: e.Activity})
			}
		}
		for i, m := range c.Myths {
			myths = append(myths, db.InsertMythParams{CareerSlug: c.Slug, Position: int16(i), Myth: m.Myth, RealityHtml: m.Reality, Source: jsonOrNull(m.Source)})
		}
		for i, r := range c.WorkLife.Ratings {
			ratings = append(ratings, db.InsertRatingParams{CareerSlug: c.Slug, Aspect: r.Aspect, Position: int16(i), Label: r.Label, Score: int16(r.Score), ExplanationHtml: r.Explanation})
		}
		for i, r := range c.Reading {
			reading = append(reading, db.InsertReadingLinkParams{CareerSlug: c.Slug, Position: int16(i), Title: r.Title, Url: r.URL, Note: r.Note})
		}
	}
	// Parents before children, so the foreign keys hold.
	copies := []struct {
		name string
		run  func() (int64, error)
	}{
		{"riasec types", func() (int64, error) { return q.InsertRIASECType(ctx, types) }},
		{"questions", func() (int64, error) { return q.InsertQuestion(ctx, questions) }},
		{"interests", func() (int64, error) { return q.InsertInterest(ctx, interests) }},
		{"levels", func() (int64, error) { return q.InsertLevel(ctx, levels) }},
		{"level examples", func() (int64, error) { return q.InsertLevelExample(ctx, examples) }},
		{"projection", func() (int64, error) { return q.InsertProjection(ctx, points) }},
		{"percentiles", func() (int64, error) { return q.InsertPercentile(ctx, pcts) }},
		{"skills", func() (int64, error) { return q.InsertSkill(ctx, skills) }},
		{"skill topics", func() (int64, error) { return q.InsertSkillTopic(ctx, topics) }},
		{"skill topic links", func() (int64, error) { return q.InsertSkillTopicLink(ctx, topicRefs) }},
		{"skill resources", func() (int64, error) { return q.InsertSkillResource(ctx, resources) }},
		{"schedule", func() (int64, error) { return q.InsertScheduleEntry(ctx, entries) }},
		{"myths", func() (int64, error) { return q.InsertMyth(ctx, myths) }},
		{"ratings", func() (int64, error) { return q.InsertRating(ctx, ratings) }},
		{"reading", func() (int64, error) { return q.InsertReadingLink(ctx, reading) }},
	}
	for _, c := range copies {
		if _, err := c.run(); err != nil {
			return fmt.Errorf("insert %s: %w", c.name, err)
		}
	}
	return nil
}

// LoadCatalog reads all content from the database into a new, immutable
// Catalog. It reads in one repeatable-read transaction, so a concurrent sync
// is seen whole or not at all. ErrNotFound means no content was synced yet.
func (s *Store) LoadCatalog(ctx context.Context) (*career.Catalog, error) {
	cat := &career.Catalog{}
	err := s.inTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(q *db.Queries) error {
		hash, err := q.ContentHash(ctx)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		cat.Hash = hash
		return loadCatalog(ctx, q, cat)
	})
	if err != nil {
		return nil, fmt.Errorf("load content: %w", err)
	}
	return cat, nil
}

func unjson(b []byte, v any) error {
	if len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, v)
}

func loadCatalog(ctx context.Context, q *db.Queries, cat *career.Catalog) error {
	types, err := q.ListRIASECTypes(ctx)
	if err != nil {
		return err
	}
	for _, t := range types {
		cat.RIASEC = append(cat.RIASEC, career.RIASECType{Letter: t.Letter, Name: t.Name, Summary: t.Summary})
	}
	questions, err := q.ListQuestions(ctx)
	if err != nil {
		return err
	}
	for _, qu := range questions {
		cat.Questions = append(cat.Questions, career.Question{ID: qu.ID, Text: qu.Text, Type: qu.Type, Reverse: qu.Reverse})
	}
	topics, err := q.ListSkillTopics(ctx)
	if err != nil {
		return err
	}
	for _, t := range topics {
		cat.Topics = append(cat.Topics, career.SkillTopic{Key: t.Key, Name: t.Name})
	}
	careers, err := q.ListCareers(ctx)
	if err != nil {
		return err
	}
	idx := make(map[string]*career.Career, len(careers))
	cat.Careers = make([]career.Career, len(careers))
	var errs []error
	for i, r := range careers {
		c := &cat.Careers[i]
		*c = career.Career{
			Slug: r.Slug, Name: r.Name, Tagline: r.Tagline, Summary: r.Summary, Overview: r.OverviewHtml,
			SOCCode: r.SocCode, ONetCode: r.OnetCode, HollandCode: strings.TrimSpace(r.HollandCode),
		}
		c.Projection.Note = r.ProjectionNoteHtml
		c.Market.Occupation, c.Market.GrowthPercent, c.Market.GrowthPeriod = r.MarketOccupation, int(r.MarketGrowthPct), r.MarketGrowthPeriod
		c.Market.GrowthOccupation = r.MarketGrowthOccupation
		c.Day.Intro, c.WorkLife.Remote, c.WorkLife.OnCall = r.DayIntroHtml, r.RemoteHtml, r.OncallHtml
		errs = append(errs,
			unjson(r.InterestsSource, &c.Interests.Source),
			unjson(r.ProjectionPay, &c.Projection.Pay),
			unjson(r.MarketSource, &c.Market.Source),
			unjson(r.WorklifeSource, &c.WorkLife.Source))
		idx[r.Slug] = c
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}

	interests, err := q.ListInterests(ctx)
	if err != nil {
		return err
	}
	for _, r := range interests {
		if c := idx[r.CareerSlug]; c != nil {
			c.Interests.Scores[strings.Index(career.Letters, r.Letter)] = r.Score
		}
	}
	levels, err := q.ListLevels(ctx)
	if err != nil {
		return err
	}
	for _, r := range levels {
		c := idx[r.CareerSlug]
		l := career.Level{
			Key: r.Key, Rank: int(r.Rank), Title: r.Title, Short: r.Short,
			YearsMin: int(r.YearsMin), YearsMax: int(r.YearsMax.Int16),
			Base:       career.Range{Min: int(r.BaseMin), Max: int(r.BaseMax)},
			WithEquity: career.Range{Min: int(r.EquityMin), Max: int(r.EquityMax)},
			TopMarket:  career.Range{Min: int(r.TopMin), Max: int(r.TopMax)},
			Summary:    r.Summary, Responsibilities: r.ResponsibilitiesHtml,
		}
		if err := unjson(r.Pay, &l.Pay); err != nil {
			return err
		}
		c.Levels = append(c.Levels, l)
	}
	examples, err := q.ListLevelExamples(ctx)
	if err != nil {
		return err
	}
	for _, r := range examples {
		if l := idx[r.CareerSlug].Level(r.LevelKey); l != nil {
			l.Examples = append(l.Examples, r.Text)
		}
	}
	points, err := q.ListProjection(ctx)
	if err != nil {
		return err
	}
	for _, r := range points {
		c := idx[r.CareerSlug]
		c.Projection.Points = append(c.Projection.Points, career.ProjectionPoint{Year: int(r.Year), Stage: r.Stage, Conservative: int(r.Conservative), Aggressive: int(r.Aggressive)})
	}
	pcts, err := q.ListPercentiles(ctx)
	if err != nil {
		return err
	}
	for _, r := range pcts {
		c := idx[r.CareerSlug]
		c.Market.Percentiles = append(c.Market.Percentiles, career.Percentile{Percentile: int(r.Percentile), Annual: int(r.Annual)})
	}
	skills, err := q.ListSkills(ctx)
	if err != nil {
		return err
	}
	for _, r := range skills {
		c := idx[r.CareerSlug]
		sk := career.Skill{Slug: r.Slug, Name: r.Name, LevelKey: r.LevelKey, Summary: r.Summary, HowToLearn: r.HowToLearnHtml, Boost: career.SalaryBoost{Text: r.BoostText}}
		if err := unjson(r.BoostPay, &sk.Boost.Pay); err != nil {
			return err
		}
		c.Skills = append(c.Skills, sk)
	}
	topicRefs, err := q.ListSkillTopicLinks(ctx)
	if err != nil {
		return err
	}
	for _, r := range topicRefs {
		if sk := idx[r.CareerSlug].Skill(r.SkillSlug); sk != nil {
			sk.Topics = append(sk.Topics, r.TopicKey)
		}
	}
	resources, err := q.ListSkillResources(ctx)
	if err != nil {
		return err
	}
	for _, r := range resources {
		if sk := idx[r.CareerSlug].Skill(r.SkillSlug); sk != nil {
			sk.Resources = append(sk.Resources, career.Link{Title: r.Title, URL: r.Url, Note: r.Note})
		}
	}
	entries, err := q.ListScheduleEntries(ctx)
	if err != nil {
		return err
	}
	for _, r := range entries {
		c := idx[r.CareerSlug]
		e := career.ScheduleEntry{Time: r.TimeLabel, Activity: r.Activity}
		if r.Seniority == "junior" {
			c.Day.Junior = append(c.Day.Junior, e)
		} else {
			c.Day.Senior = append(c.Day.Senior, e)
		}
	}
	myths, err := q.ListMyths(ctx)
	if err != nil {
		return err
	}
	for _, r := range myths {
		c := idx[r.CareerSlug]
		m := career.Myth{Myth: r.Myth, Reality: r.RealityHtml}
		if err := unjson(r.Source, &m.Source); err != nil {
			return err
		}
		c.Myths = append(c.Myths, m)
	}
	ratings, err := q.ListRatings(ctx)
	if err != nil {
		return err
	}
	for _, r := range ratings {
		c := idx[r.CareerSlug]
		c.WorkLife.Ratings = append(c.WorkLife.Ratings, career.Rating{Aspect: r.Aspect, Label: r.Label, Score: int(r.Score), Explanation: r.ExplanationHtml})
	}
	reading, err := q.ListReadingLinks(ctx)
	if err != nil {
		return err
	}
	for _, r := range reading {
		c := idx[r.CareerSlug]
		c.Reading = append(c.Reading, career.Link{Title: r.Title, URL: r.Url, Note: r.Note})
	}
	return nil
}

// WatchContent listens on ContentChannel and calls onChange with the new
// hash for every notification, until ctx ends. A lost connection is
// re-established with backoff; after reconnecting onChange is called with ""
// so the caller can check for changes it may have missed.
func (s *Store) WatchContent(ctx context.Context, onChange func(hash string), onError func(error)) {
	backoff := 100 * time.Millisecond
	first := true
	for ctx.Err() == nil {
		err := s.listen(ctx, func() {
			backoff = 100 * time.Millisecond
			if !first {
				onChange("")
			}
			first = false
		}, onChange)
		if ctx.Err() != nil {
			return
		}
		onError(err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func (s *Store) listen(ctx context.Context, connected func(), onChange func(string)) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	// The connection is taken out of the pool: it stays in LISTEN mode.
	pc := conn.Hijack()
	defer pc.Close(context.WithoutCancel(ctx))
	if _, err := pc.Exec(ctx, "listen "+ContentChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	connected()
	for {
		n, err := pc.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("listen: %w", err)
		}
		onChange(n.Payload)
	}
}
