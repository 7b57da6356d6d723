-- The standing scorecard of philosophy.yaml, recomputed with SQL for the metrics benchmark
-- (bench.py; the events loaded by reference.sql's `load` blocks). Each `-- name:` block is one
-- standing series of the metrics plugin (docs/METRICS.md, "Published metric events"):
-- the philosophy's three key metrics over the rolling 28 days [$from_us, $to_us), and
-- conversations opened and solved today [$day_from_us, $day_to_us) (Europe/Berlin) and the
-- backlog at $now_us, overall and by team. The definitions are reference.sql's; only the time.

-- name: value:Speed:0
-- p90 first response time in business hours, teams {a,b} x channels {chat,email}, one figure.
WITH ordered AS (
    SELECT *,
        row_number() OVER conv_order AS ord,
        last_value(team IGNORE NULLS) OVER conv_so_far AS team_now,
        last_value(channel IGNORE NULLS) OVER conv_so_far AS channel_now
    FROM events
    WHERE conversation IS NOT NULL
    WINDOW conv_order AS (PARTITION BY conversation ORDER BY at_us, type_rank, id),
           conv_so_far AS (conv_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
), conversations AS (
    SELECT conversation,
        min(ord) FILTER (WHERE type IN ('conversation.opened', 'contact.queued')
                          OR (type = 'message.created' AND author = 'customer' AND public)) AS start_ord,
        min(ord) FILTER (WHERE type = 'message.created' AND author = 'agent' AND public) AS reply_ord,
        min(ord) FILTER (WHERE type = 'message.created' AND author = 'bot') AS bot_ord,
        coalesce(bool_or(type = 'conversation.opened' AND direction = 'outbound'), false) AS outbound
    FROM ordered
    GROUP BY conversation
), clocks AS (
    SELECT c.conversation, c.reply_ord,
        coalesce(max(o.at_us) FILTER (WHERE o.type IN ('conversation.assigned', 'conversation.transferred')
                                        AND o.ord > c.bot_ord AND o.ord < c.reply_ord),
                 max(o.at_us) FILTER (WHERE o.ord = c.start_ord)) AS clock_us
    FROM conversations c JOIN ordered o USING (conversation)
    WHERE c.start_ord IS NOT NULL AND c.reply_ord > c.start_ord AND NOT c.outbound
    GROUP BY c.conversation, c.reply_ord
), measured AS (
    SELECT k.conversation, k.clock_us, r.at_us AS reply_us
    FROM clocks k JOIN ordered r ON r.conversation = k.conversation AND r.ord = k.reply_ord
    WHERE r.at_us >= $from_us AND r.at_us < $to_us
      AND r.team_now IN ('a', 'b') AND r.channel_now IN ('chat', 'email')
), business AS (
    SELECT m.conversation,
        coalesce(sum(least(m.reply_us, i.end_us) - greatest(m.clock_us, i.start_us)) FILTER (WHERE i.start_us IS NOT NULL), 0) AS business_us
    FROM measured m LEFT JOIN open_intervals i ON i.start_us < m.reply_us AND i.end_us > m.clock_us
    GROUP BY m.conversation
)
SELECT quantile_cont(business_us, 0.9) / 1e6 AS value, count(*) AS sample_size FROM business;

-- name: value:Quality:0
-- First contact resolution over the rolling 28 days, one figure.
WITH ordered AS (
    SELECT *, row_number() OVER (PARTITION BY conversation ORDER BY at_us, type_rank, id) AS ord
    FROM events
    WHERE conversation IS NOT NULL
), statuses AS (
    SELECT conversation, ord, at_us, status IN ('solved', 'closed') AS solved,
        coalesce(lag(status IN ('solved', 'closed')) OVER (PARTITION BY conversation ORDER BY ord), false) AS was_solved
    FROM ordered
    WHERE type = 'status.changed'
), first_solves AS (
    SELECT conversation, min(at_us) AS solved_us FROM statuses WHERE solved AND NOT was_solved GROUP BY conversation
), conversations AS (
    SELECT conversation,
        min(ord) FILTER (WHERE type IN ('conversation.opened', 'contact.queued')
                          OR (type = 'message.created' AND author = 'customer' AND public)) AS start_ord,
        count(*) FILTER (WHERE type = 'message.created' AND author = 'agent' AND public) AS replies,
        bool_or(type = 'conversation.transferred') AS transferred
    FROM ordered
    GROUP BY conversation
), measured AS (
    SELECT f.conversation,
        c.replies <= 1 AND NOT c.transferred
        AND NOT EXISTS (
            SELECT 1 FROM statuses s
            WHERE s.conversation = f.conversation AND NOT s.solved AND s.was_solved
              AND s.at_us >= f.solved_us AND s.at_us <= f.solved_us + 7 * 86400000000
        ) AS resolved
    FROM first_solves f JOIN conversations c USING (conversation)
    WHERE c.start_ord IS NOT NULL AND f.solved_us >= $from_us AND f.solved_us < $to_us
)
SELECT 100.0 * count(*) FILTER (WHERE resolved) / nullif(count(*), 0) AS value, count(*) AS sample_size FROM measured;

-- name: value:Quality:1
-- CSAT over the rolling 28 days, one figure.
SELECT 100.0 * count(*) FILTER (WHERE score >= 4) / nullif(count(*), 0) AS value, count(*) AS sample_size
FROM events
WHERE type = 'survey.answered' AND survey = 'csat' AND at_us >= $from_us AND at_us < $to_us;

-- name: volume_opened, volume_opened:by_team
-- Conversations started today, overall and by the team in force at the start.
WITH ordered AS (
    SELECT *,
        row_number() OVER conv_order AS ord,
        last_value(team IGNORE NULLS) OVER (conv_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS team_now
    FROM events
    WHERE conversation IS NOT NULL
    WINDOW conv_order AS (PARTITION BY conversation ORDER BY at_us, type_rank, id)
), starts AS (
    SELECT conversation, min(ord) AS start_ord
    FROM ordered
    WHERE type IN ('conversation.opened', 'contact.queued')
       OR (type = 'message.created' AND author = 'customer' AND public)
    GROUP BY conversation
)
SELECT o.team_now AS team, count(*) AS value
FROM starts s JOIN ordered o ON o.conversation = s.conversation AND o.ord = s.start_ord
WHERE o.at_us >= $day_from_us AND o.at_us < $day_to_us
GROUP BY GROUPING SETS ((), (o.team_now));

-- name: volume_solved, volume_solved:by_team
-- Solves today (each move into a solved status from another), overall and by the team then.
WITH ordered AS (
    SELECT *,
        row_number() OVER conv_order AS ord,
        last_value(team IGNORE NULLS) OVER (conv_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS team_now
    FROM events
    WHERE conversation IS NOT NULL
    WINDOW conv_order AS (PARTITION BY conversation ORDER BY at_us, type_rank, id)
), statuses AS (
    SELECT at_us, team_now, status IN ('solved', 'closed') AS solved,
        coalesce(lag(status IN ('solved', 'closed')) OVER (PARTITION BY conversation ORDER BY ord), false) AS was_solved
    FROM ordered
    WHERE type = 'status.changed'
)
SELECT team_now AS team, count(*) AS value
FROM statuses
WHERE solved AND NOT was_solved AND at_us >= $day_from_us AND at_us < $day_to_us
GROUP BY GROUPING SETS ((), (team_now));

-- name: backlog, backlog:by_team
-- Conversations open now (started, last status not solved), overall and by the team in force now.
WITH ordered AS (
    SELECT *,
        row_number() OVER conv_order AS ord,
        last_value(team IGNORE NULLS) OVER (conv_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS team_now
    FROM events
    WHERE conversation IS NOT NULL AND at_us <= $now_us
    WINDOW conv_order AS (PARTITION BY conversation ORDER BY at_us, type_rank, id)
), conversations AS (
    SELECT conversation,
        bool_or(type IN ('conversation.opened', 'contact.queued')
                OR (type = 'message.created' AND author = 'customer' AND public)) AS started,
        arg_max(status, ord) FILTER (WHERE type = 'status.changed') AS last_status,
        arg_max(team_now, ord) AS team
    FROM ordered
    GROUP BY conversation
)
SELECT team, count(*) AS value
FROM conversations
WHERE started AND coalesce(last_status NOT IN ('solved', 'closed'), true)
GROUP BY GROUPING SETS ((), (team));
