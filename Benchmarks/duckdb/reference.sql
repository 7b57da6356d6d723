-- Tenet's figures, recomputed with SQL from the raw events (docs/METRICS.md), for DuckDB.
-- reference.py runs the `load` statements once (timed as the load), then each named query
-- (timed). Blocks start with `-- name: NAME`; `$from_us` and `$to_us` are the window [from, to)
-- in microseconds since 1970 (UTC). Every instant is a BIGINT of microseconds.

-- name: load
-- The events, as read from NDJSON. `public` absent counts as public (docs/METRICS.md, Messages).
CREATE OR REPLACE TABLE events AS
SELECT
    id,
    type,
    epoch_us(CAST("at" AS TIMESTAMPTZ)) AS at_us,
    conversation,
    channel,
    team,
    author,
    coalesce(public, true) AS public,
    status,
    survey,
    score,
    json_extract_string(attributes, '$.direction') AS direction,
    -- The order of types at one instant (docs/METRICS.md, "The order of events").
    CASE type
        WHEN 'conversation.opened' THEN 0
        WHEN 'contact.queued' THEN 1
        WHEN 'conversation.assigned' THEN 2
        WHEN 'conversation.transferred' THEN 3
        WHEN 'conversation.escalated' THEN 4
        WHEN 'message.created' THEN 5
        WHEN 'contact.answered' THEN 6
        WHEN 'hold.started' THEN 7
        WHEN 'hold.ended' THEN 8
        WHEN 'contact.abandoned' THEN 9
        WHEN 'contact.ended' THEN 10
        WHEN 'wrapup.ended' THEN 11
        WHEN 'status.changed' THEN 12
        WHEN 'survey.answered' THEN 13
        WHEN 'qa.scored' THEN 14
        WHEN 'order.placed' THEN 15
        ELSE 16
    END AS type_rank
FROM read_json($path, format = 'newline_delimited', columns = {
    id: 'VARCHAR', type: 'VARCHAR', "at": 'VARCHAR', conversation: 'VARCHAR', channel: 'VARCHAR',
    team: 'VARCHAR', author: 'VARCHAR', public: 'BOOLEAN', status: 'VARCHAR', survey: 'VARCHAR',
    score: 'DOUBLE', attributes: 'JSON'
});

-- name: load
-- (With no interval in a LEFT JOIN, least() and greatest() would skip the NULLs: hence the FILTER
-- wherever overlaps are summed.)
-- The office schedule's open intervals: Monday–Friday 09:00–17:00 Europe/Berlin, closed on the
-- holidays, for every local date the events span (one day of margin each side). timezone(zone,
-- TIMESTAMP) reads a wall time in the zone (ICU), so each day is 8 hours across DST changes.
CREATE OR REPLACE TABLE open_intervals AS
WITH span AS (
    SELECT CAST(timezone('Europe/Berlin', make_timestamp(min(at_us))) AS DATE) - 1 AS first_day,
           CAST(timezone('Europe/Berlin', make_timestamp(max(at_us))) AS DATE) + 1 AS last_day
    FROM events
), days AS (
    SELECT CAST(d AS DATE) AS day
    FROM span, generate_series(CAST(span.first_day AS TIMESTAMP), CAST(span.last_day AS TIMESTAMP), INTERVAL 1 DAY) g(d)
)
SELECT epoch_us(timezone('Europe/Berlin', day + TIME '09:00:00')) AS start_us,
       epoch_us(timezone('Europe/Berlin', day + TIME '17:00:00')) AS end_us
FROM days
WHERE isodow(day) BETWEEN 1 AND 5
  AND day NOT IN (DATE '2026-12-24', DATE '2026-12-25', DATE '2026-12-26')
ORDER BY start_us;

-- name: first_response_time_business_p90
-- The issue's query: p90 first response time in business hours, teams {a,b} x channels
-- {chat,email}, by team and channel, over [from, to).
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
    -- The clock starts at the start, or at the last hand-off (assigned or transferred) after the
    -- first bot message and before the first reply. A first reply that comes before the start in
    -- the order of events (an agent writing first, at the customer's instant with a smaller id, or
    -- before any opening) gives no first response time: nobody was waiting. docs/METRICS.md does
    -- not say so; it is what Tenet does (ConversationMeasurer), and the only reading without a
    -- negative duration.
    SELECT c.conversation, c.reply_ord,
        coalesce(max(o.at_us) FILTER (WHERE o.type IN ('conversation.assigned', 'conversation.transferred')
                                        AND o.ord > c.bot_ord AND o.ord < c.reply_ord),
                 max(o.at_us) FILTER (WHERE o.ord = c.start_ord)) AS clock_us
    FROM conversations c JOIN ordered o USING (conversation)
    WHERE c.start_ord IS NOT NULL AND c.reply_ord > c.start_ord AND NOT c.outbound
    GROUP BY c.conversation, c.reply_ord
), measured AS (
    SELECT k.conversation, k.clock_us, r.at_us AS reply_us, r.team_now AS team, r.channel_now AS channel
    FROM clocks k JOIN ordered r ON r.conversation = k.conversation AND r.ord = k.reply_ord
    WHERE r.at_us >= $from_us AND r.at_us < $to_us
      AND r.team_now IN ('a', 'b') AND r.channel_now IN ('chat', 'email')
), business AS (
    SELECT m.conversation, m.team, m.channel,
        coalesce(sum(least(m.reply_us, i.end_us) - greatest(m.clock_us, i.start_us)) FILTER (WHERE i.start_us IS NOT NULL), 0) AS business_us
    FROM measured m LEFT JOIN open_intervals i ON i.start_us < m.reply_us AND i.end_us > m.clock_us
    GROUP BY m.conversation, m.team, m.channel
)
SELECT team, channel, quantile_cont(business_us, 0.9) / 1e6 AS value, count(*) AS sample_size
FROM business
GROUP BY team, channel
ORDER BY team, channel;

-- name: first_response_time_calendar_p90
-- The same in calendar time.
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
)
SELECT r.team_now AS team, r.channel_now AS channel,
    quantile_cont(r.at_us - k.clock_us, 0.9) / 1e6 AS value, count(*) AS sample_size
FROM clocks k JOIN ordered r ON r.conversation = k.conversation AND r.ord = k.reply_ord
WHERE r.at_us >= $from_us AND r.at_us < $to_us
  AND r.team_now IN ('a', 'b') AND r.channel_now IN ('chat', 'email')
GROUP BY r.team_now, r.channel_now
ORDER BY team, channel;

-- name: csat_by_team
-- Answers of 4–5 ÷ answers of CSAT surveys at their own instant in [from, to), under the team in
-- force in their conversation then (their own team without a conversation).
WITH ordered AS (
    SELECT *,
        last_value(team IGNORE NULLS) OVER (PARTITION BY conversation ORDER BY at_us, type_rank, id
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS team_now
    FROM events
    WHERE conversation IS NOT NULL
)
SELECT team, count(*) FILTER (WHERE score >= 4) AS numerator, count(*) AS denominator,
    100.0 * count(*) FILTER (WHERE score >= 4) / nullif(count(*), 0) AS value, count(*) AS sample_size
FROM (
    SELECT team_now AS team, score, at_us FROM ordered WHERE type = 'survey.answered' AND survey = 'csat'
    UNION ALL
    SELECT team, score, at_us FROM events
    WHERE conversation IS NULL AND type = 'survey.answered' AND survey = 'csat'
)
WHERE at_us >= $from_us AND at_us < $to_us
GROUP BY team
ORDER BY team NULLS LAST;

-- name: first_contact_resolution
-- Conversations solved at least once, counted at their first solve in [from, to): those with at
-- most one public agent reply, no transfer, and no reopen within 7 days of the first solve.
WITH ordered AS (
    SELECT *,
        row_number() OVER (PARTITION BY conversation ORDER BY at_us, type_rank, id) AS ord
    FROM events
    WHERE conversation IS NOT NULL
), statuses AS (
    SELECT conversation, ord, at_us, status IN ('solved', 'closed') AS solved,
        coalesce(lag(status IN ('solved', 'closed')) OVER (PARTITION BY conversation ORDER BY ord), false) AS was_solved
    FROM ordered
    WHERE type = 'status.changed'
), first_solves AS (
    SELECT conversation, min(at_us) AS solved_us
    FROM statuses WHERE solved AND NOT was_solved
    GROUP BY conversation
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
SELECT count(*) FILTER (WHERE resolved) AS numerator, count(*) AS denominator,
    100.0 * count(*) FILTER (WHERE resolved) / nullif(count(*), 0) AS value, count(*) AS sample_size
FROM measured;

-- name: volume_opened_by_channel
-- Conversations started (first of opened, public customer message, queued) in [from, to), under
-- the channel in force at the start.
WITH ordered AS (
    SELECT *,
        row_number() OVER conv_order AS ord,
        last_value(channel IGNORE NULLS) OVER (conv_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS channel_now
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
SELECT o.channel_now AS channel, count(*) AS value, count(*) AS sample_size
FROM starts s JOIN ordered o ON o.conversation = s.conversation AND o.ord = s.start_ord
WHERE o.at_us >= $from_us AND o.at_us < $to_us
GROUP BY o.channel_now
ORDER BY channel NULLS LAST;

-- rows: first_response_time
-- Not timed: each first response time in [from, to) with its conversation, instant, calendar and
-- business values and dimensions (for a drill-down next to `tenet conversations`).
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
    SELECT k.conversation, k.clock_us, r.at_us AS reply_us, r.team_now AS team, r.channel_now AS channel
    FROM clocks k JOIN ordered r ON r.conversation = k.conversation AND r.ord = k.reply_ord
    WHERE r.at_us >= $from_us AND r.at_us < $to_us
)
SELECT m.conversation, m.reply_us AS at_us, (m.reply_us - m.clock_us) / 1e6 AS value,
    coalesce(sum(least(m.reply_us, i.end_us) - greatest(m.clock_us, i.start_us)) FILTER (WHERE i.start_us IS NOT NULL), 0) / 1e6 AS business_value,
    m.team, m.channel
FROM measured m LEFT JOIN open_intervals i ON i.start_us < m.reply_us AND i.end_us > m.clock_us
GROUP BY ALL
ORDER BY m.reply_us, m.conversation;

-- rows: csat
WITH ordered AS (
    SELECT *,
        last_value(team IGNORE NULLS) OVER (PARTITION BY conversation ORDER BY at_us, type_rank, id
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS team_now
    FROM events
    WHERE conversation IS NOT NULL
)
SELECT conversation, at_us, CASE WHEN score >= 4 THEN 1 ELSE 0 END AS value, team
FROM (
    SELECT conversation, team_now AS team, score, at_us FROM ordered WHERE type = 'survey.answered' AND survey = 'csat'
    UNION ALL
    -- A survey without a conversation: `tenet conversations` names the row by the event's id.
    SELECT id, team, score, at_us FROM events
    WHERE conversation IS NULL AND type = 'survey.answered' AND survey = 'csat'
)
WHERE at_us >= $from_us AND at_us < $to_us
ORDER BY at_us, conversation;

-- rows: first_contact_resolution
WITH ordered AS (
    SELECT *,
        row_number() OVER (PARTITION BY conversation ORDER BY at_us, type_rank, id) AS ord,
        last_value(team IGNORE NULLS) OVER (PARTITION BY conversation ORDER BY at_us, type_rank, id
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS team_now
    FROM events
    WHERE conversation IS NOT NULL
), statuses AS (
    SELECT conversation, ord, at_us, team_now, status IN ('solved', 'closed') AS solved,
        coalesce(lag(status IN ('solved', 'closed')) OVER (PARTITION BY conversation ORDER BY ord), false) AS was_solved
    FROM ordered
    WHERE type = 'status.changed'
), first_solves AS (
    SELECT conversation, arg_min(at_us, ord) AS solved_us, arg_min(team_now, ord) AS team
    FROM statuses WHERE solved AND NOT was_solved
    GROUP BY conversation
), conversations AS (
    SELECT conversation,
        min(ord) FILTER (WHERE type IN ('conversation.opened', 'contact.queued')
                          OR (type = 'message.created' AND author = 'customer' AND public)) AS start_ord,
        count(*) FILTER (WHERE type = 'message.created' AND author = 'agent' AND public) AS replies,
        bool_or(type = 'conversation.transferred') AS transferred
    FROM ordered
    GROUP BY conversation
)
SELECT f.conversation, f.solved_us AS at_us,
    CASE WHEN c.replies <= 1 AND NOT c.transferred
        AND NOT EXISTS (
            SELECT 1 FROM statuses s
            WHERE s.conversation = f.conversation AND NOT s.solved AND s.was_solved
              AND s.at_us >= f.solved_us AND s.at_us <= f.solved_us + 7 * 86400000000
        ) THEN 1 ELSE 0 END AS value,
    f.team
FROM first_solves f JOIN conversations c USING (conversation)
WHERE c.start_ord IS NOT NULL AND f.solved_us >= $from_us AND f.solved_us < $to_us
ORDER BY at_us, conversation;

-- rows: volume_opened
WITH ordered AS (
    SELECT *,
        row_number() OVER conv_order AS ord,
        last_value(channel IGNORE NULLS) OVER (conv_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS channel_now,
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
SELECT o.conversation, o.at_us, 1 AS value, o.channel_now AS channel, o.team_now AS team
FROM starts s JOIN ordered o ON o.conversation = s.conversation AND o.ord = s.start_ord
WHERE o.at_us >= $from_us AND o.at_us < $to_us
ORDER BY at_us, conversation;

-- cases: edge cases in the window
-- Not timed: how many measurements of [from, to) meet each rule of docs/METRICS.md that the
-- comparison exercises (so that "equal" means something). One row: a column per case.
WITH ordered AS (
    SELECT *,
        row_number() OVER conv_order AS ord,
        last_value(team IGNORE NULLS) OVER conv_so_far AS team_now
    FROM events
    WHERE conversation IS NOT NULL
    WINDOW conv_order AS (PARTITION BY conversation ORDER BY at_us, type_rank, id),
           conv_so_far AS (conv_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
), conversations AS (
    SELECT conversation,
        min(ord) FILTER (WHERE type IN ('conversation.opened', 'contact.queued')
                          OR (type = 'message.created' AND author = 'customer' AND public)) AS start_ord,
        min(ord) FILTER (WHERE type = 'conversation.opened') AS opened_ord,
        min(ord) FILTER (WHERE type = 'message.created' AND author = 'agent' AND public) AS reply_ord,
        min(ord) FILTER (WHERE type = 'message.created' AND author = 'bot') AS bot_ord,
        coalesce(bool_or(type = 'conversation.opened' AND direction = 'outbound'), false) AS outbound
    FROM ordered
    GROUP BY conversation
), replies AS (
    SELECT c.*, r.at_us AS reply_us, r.id AS reply_id,
        (SELECT count(*) FROM ordered o WHERE o.conversation = c.conversation AND o.at_us = r.at_us
            AND o.ord > c.reply_ord AND o.team <> r.team_now) AS other_team_later_at_reply_instant,
        (SELECT max(o.ord) FROM ordered o WHERE o.conversation = c.conversation
            AND o.type IN ('conversation.assigned', 'conversation.transferred')
            AND o.ord > c.bot_ord AND o.ord < c.reply_ord) AS handoff_ord,
        (SELECT count(*) FROM ordered o WHERE o.conversation = c.conversation AND o.type = 'message.created'
            AND o.author = 'bot' AND o.ord < c.reply_ord
            AND EXISTS (SELECT 1 FROM ordered h WHERE h.conversation = o.conversation AND h.at_us = o.at_us
                        AND h.type IN ('conversation.assigned', 'conversation.transferred'))) AS bot_at_assign_instant,
        (SELECT count(*) FROM ordered a JOIN ordered b ON a.conversation = b.conversation AND a.at_us = b.at_us
            AND a.type = 'conversation.transferred' AND b.type = 'conversation.transferred' AND a.id < b.id
            AND a.team <> b.team AND b.ord < c.reply_ord WHERE a.conversation = c.conversation) AS same_instant_transfers,
        (SELECT count(*) FROM ordered o WHERE o.conversation = c.conversation AND o.type = 'conversation.transferred'
            AND o.ord < c.reply_ord) AS transfers_before_reply,
        (SELECT bool_or(o.at_us = r.at_us) FROM ordered o WHERE o.conversation = c.conversation AND o.ord < c.reply_ord
            AND o.type IN ('conversation.assigned', 'conversation.transferred', 'conversation.opened')) AS reply_at_clock_instant
    FROM conversations c JOIN ordered r ON r.conversation = c.conversation AND r.ord = c.reply_ord
    WHERE c.start_ord IS NOT NULL AND c.reply_ord > c.start_ord AND NOT c.outbound AND r.at_us >= $from_us AND r.at_us < $to_us
), raw_public AS (
    SELECT conversation, id FROM read_json($path, format = 'newline_delimited', columns = {
        id: 'VARCHAR', conversation: 'VARCHAR', type: 'VARCHAR', author: 'VARCHAR', public: 'BOOLEAN'})
    WHERE type = 'message.created' AND author = 'agent' AND public IS NULL
), statuses AS (
    SELECT conversation, ord, at_us, status IN ('solved', 'closed') AS solved,
        coalesce(lag(status IN ('solved', 'closed')) OVER (PARTITION BY conversation ORDER BY ord), false) AS was_solved
    FROM ordered WHERE type = 'status.changed'
), first_solves AS (
    SELECT conversation, min(at_us) AS solved_us FROM statuses WHERE solved AND NOT was_solved GROUP BY conversation
), solved_in_window AS (
    SELECT f.conversation, f.solved_us,
        (SELECT count(*) FROM ordered o WHERE o.conversation = f.conversation AND o.type = 'message.created'
            AND o.author = 'agent' AND o.public) AS reply_count,
        (SELECT min(s.at_us) FROM statuses s WHERE s.conversation = f.conversation AND NOT s.solved AND s.was_solved) AS reopen_us,
        (SELECT count(*) FROM statuses s WHERE s.conversation = f.conversation AND s.solved AND NOT s.was_solved) AS solves,
        (SELECT count(*) FROM statuses s WHERE s.conversation = f.conversation AND s.solved AND s.was_solved) AS solved_to_closed
    FROM first_solves f WHERE f.solved_us >= $from_us AND f.solved_us < $to_us
), surveys AS (
    SELECT s.* FROM ordered s
    WHERE s.type = 'survey.answered' AND s.survey = 'csat' AND s.at_us >= $from_us AND s.at_us < $to_us
)
SELECT
    (SELECT count(*) FROM replies) AS first_responses,
    (SELECT count(*) FROM replies WHERE handoff_ord IS NOT NULL) AS clock_restarted_by_handoff,
    (SELECT count(*) FROM replies WHERE bot_ord < reply_ord AND handoff_ord IS NULL) AS bot_without_handoff,
    (SELECT count(*) FROM replies WHERE bot_at_assign_instant > 0) AS assignment_at_the_bots_instant,
    (SELECT count(*) FROM replies WHERE reply_at_clock_instant) AS reply_at_the_clocks_instant,
    (SELECT count(*) FROM replies WHERE other_team_later_at_reply_instant > 0) AS other_team_after_reply_at_its_instant,
    (SELECT count(*) FROM replies WHERE transfers_before_reply > 0) AS transferred_before_reply,
    (SELECT count(*) FROM replies WHERE same_instant_transfers > 0) AS two_transfers_at_one_instant,
    (SELECT count(*) FROM replies r JOIN raw_public p ON p.id = r.reply_id) AS reply_without_public,
    (SELECT count(*) FROM replies WHERE opened_ord IS NULL) AS started_without_opened,
    (SELECT count(*) FROM replies WHERE opened_ord > start_ord) AS started_before_opened,
    (SELECT count(*) FROM conversations c JOIN ordered r ON r.conversation = c.conversation AND r.ord = c.reply_ord
        WHERE c.outbound AND r.at_us >= $from_us AND r.at_us < $to_us) AS outbound_replies_not_measured,
    (SELECT count(*) FROM conversations c JOIN ordered r ON r.conversation = c.conversation AND r.ord = c.reply_ord
        WHERE NOT c.outbound AND c.reply_ord < c.start_ord AND r.at_us >= $from_us AND r.at_us < $to_us) AS reply_before_start_not_measured,
    (SELECT count(*) FROM solved_in_window) AS first_solves,
    (SELECT count(*) FROM solved_in_window WHERE reply_count = 0) AS solved_without_reply,
    (SELECT count(*) FROM solved_in_window WHERE solved_to_closed > 0) AS solved_then_closed,
    (SELECT count(*) FROM solved_in_window WHERE reopen_us <= solved_us + 7 * 86400000000) AS reopened_within_7_days,
    (SELECT count(*) FROM solved_in_window WHERE reopen_us > solved_us + 7 * 86400000000) AS reopened_after_7_days,
    (SELECT count(*) FROM solved_in_window WHERE reopen_us > solved_us + 7 * 86400000000 AND reply_count = 2) AS reopened_after_7_days_with_2_replies,
    (SELECT count(*) FROM surveys) AS csat_answers_in_conversations,
    (SELECT count(*) FROM surveys WHERE team IS NOT NULL AND team <> (
        SELECT arg_max(o.team, o.ord) FILTER (WHERE o.team IS NOT NULL) FROM ordered o
        WHERE o.conversation = surveys.conversation AND o.ord < surveys.ord)) AS csat_own_team_differs;
