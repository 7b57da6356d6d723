#!/usr/bin/env python3
"""Deterministic generator of support conversations as Tenet events (docs/EVENTS.md).

    generate.py N OUT.ndjson [--now RFC3339] [--seed S] [--days 35] [--no-shuffle]

Writes the events of N conversations to OUT.ndjson, one JSON object a line. The same arguments
always give the same bytes. Conversations start over the `--days` days before `--now` (the fixed
reference instant, so that a rolling window ending at `--now` is reproducible); some of their
events fall after `--now`.

What the conversations contain (teams a, b, c; channels chat, email, phone):
- chat and email: opened (sometimes after the first customer message, sometimes absent; some chats
  queued first), customer messages, sometimes a bot message and a hand-off (`conversation.assigned`
  or `conversation.transferred` after the bot, at times at the bot's very instant, at times twice),
  assignments that are not hand-offs, private notes, public agent replies (a few without `public`),
  transfers to another team before or after the first reply, pending and back to open, solved,
  closed after solved, reopens (within and beyond 7 days) with a second round, CSAT, NPS and CES
  surveys (some carrying their own team), outbound emails (no first response time);
- phone: contact.queued, then contact.answered (hold, contact.ended, wrapup.ended, solved) or
  contact.abandoned (some shorter than 5 s), and a few CSAT surveys.
Some events share an instant on purpose (a pending status under another team and channel at the
reply's instant, for one) (the order of events at one instant: docs/METRICS.md).
By default the lines are shuffled (in blocks of 2,000,000 lines, to bound memory), so that Tenet
sees events out of `at` order.

Every time has microseconds (`2026-12-01T09:00:00.123456Z`); a few events have whole seconds.
"""
import argparse
import datetime as dt
import json
import random
import sys
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.timezone.utc
TEAMS = ["a", "b", "c"]
AGENTS = {t: [f"{t}-agent-{i}" for i in range(1, 7)] for t in TEAMS}
SECOND = 1_000_000  # times are integer microseconds since 1970 (UTC)
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def parse_rfc3339(text):
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"{text} has no time zone")
    delta = value - dt.datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86400 + delta.seconds) * SECOND + delta.microseconds


def format_us(us):
    seconds, micros = divmod(us, SECOND)
    base = dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(seconds=seconds)
    text = base.strftime("%Y-%m-%dT%H:%M:%S")
    return f"{text}.{micros:06d}Z" if micros else f"{text}Z"


class Conversation:
    """Collects one conversation's events; ids are the conversation's name and a random token,
    so that events of one type at one instant are ordered by an id unrelated to their making."""

    def __init__(self, rng, name):
        self.rng = rng
        self.name = name
        self.events = []
        self.tokens = set()

    def add(self, type_, at, without_conversation=False, **fields):
        while True:
            token = f"{self.rng.getrandbits(32):08x}"
            if token not in self.tokens:
                self.tokens.add(token)
                break
        event = {"id": f"{self.name}-{token}", "type": type_, "at": format_us(at)}
        if not without_conversation:
            event["conversation"] = self.name
        for key, value in fields.items():
            if value is not None:
                event[key] = value
        self.events.append(event)
        return at


def jitter(rng):
    """A random number of microseconds below a second; sometimes none (whole seconds)."""
    return 0 if rng.random() < 0.05 else rng.randrange(1, SECOND)


def delay(rng, median_seconds, spread=1.2, cap_seconds=None):
    seconds = rng.lognormvariate(0, spread) * median_seconds
    if cap_seconds is not None:
        seconds = min(seconds, cap_seconds)
    return int(seconds * SECOND) + jitter(rng)


def start_instant(rng, now_us, days):
    """Uniform over the `days` before now, two thirds of them moved into 08:00–18:00 Berlin."""
    at = now_us - rng.randrange(2 * HOUR, days * DAY)
    if rng.random() < 0.67:
        local = dt.datetime.fromtimestamp(at // SECOND, BERLIN)
        minute = rng.randrange(8 * 60, 18 * 60)
        local = local.replace(hour=minute // 60, minute=minute % 60, second=rng.randrange(60))
        at = int(local.timestamp()) * SECOND + jitter(rng)
    return at


def other_team(rng, team):
    return rng.choice([t for t in TEAMS if t != team])


def survey_events(rng, c, at, team, agent, channel):
    """CSAT (and sometimes NPS or CES) after a solve; half of them carry their own team."""
    if rng.random() < 0.45:
        when = at + delay(rng, 3 * HOUR // SECOND, 1.5, 6 * 86400)
        own_team = team if rng.random() < 0.5 else None
        if own_team is not None and rng.random() < 0.1:
            own_team = other_team(rng, team)  # a survey tool that files it under another team
        score = rng.choices([1, 2, 3, 4, 5], weights=[8, 5, 10, 27, 50])[0]
        c.add("survey.answered", when, survey="csat", score=score, team=own_team,
              channel=channel if rng.random() < 0.5 else None)
    if rng.random() < 0.1:
        c.add("survey.answered", at + delay(rng, 86400, 1.0, 6 * 86400), survey="nps",
              score=rng.randrange(0, 11))
    if rng.random() < 0.05:
        c.add("survey.answered", at + delay(rng, 86400, 1.0, 6 * 86400), survey="ces",
              score=rng.randrange(1, 8))


def messaging_conversation(rng, c, now_us, days, channel):
    team = rng.choice(TEAMS)
    customer = f"cus-{rng.randrange(1, 5000):05d}"
    priority = rng.choices(["low", "normal", "high", "urgent"], weights=[2, 6, 2, 1])[0]
    attributes = {"segment": rng.choice(["smb", "enterprise"]), "language": rng.choice(["de", "en", "fr"])}
    t0 = start_instant(rng, now_us, days)
    fast = channel == "chat"
    status = None

    def change(at, new, **dims):
        nonlocal status
        c.add("status.changed", at, status=new, previous=status, **dims)
        status = new
        return at

    # Outbound emails: the agent writes first; nobody waited, so there is no first response time.
    if channel == "email" and rng.random() < 0.05:
        agent = rng.choice(AGENTS[team])
        c.add("conversation.opened", t0, customer=customer, channel=channel, team=team, agent=agent,
              priority=priority, attributes={**attributes, "direction": "outbound"})
        t = c.add("message.created", t0 + delay(rng, 60), author="agent", public=True, agent=agent, team=team)
        t = c.add("message.created", t + delay(rng, 4 * 3600), author="customer", public=True, customer=customer)
        t = c.add("message.created", t + delay(rng, 2 * 3600), author="agent", public=True, agent=agent)
        if rng.random() < 0.8:
            t = change(t + delay(rng, 600), "solved", agent=agent)
            survey_events(rng, c, t, team, agent, channel)
        return

    # The start: opened first, the customer's message first, or no opening at all; some chats queue.
    shape = rng.random()
    queued = channel == "chat" and rng.random() < 0.3
    t = t0
    if queued:
        c.add("contact.queued", t, customer=customer, channel=channel, team=team)
        t += delay(rng, 5, 0.8)
    if shape < 0.75:
        c.add("conversation.opened", t, customer=customer, channel=channel, team=team,
              priority=priority, attributes=attributes)
        first_customer = t if rng.random() < 0.1 else t + delay(rng, 20, 1.0)
        t = c.add("message.created", first_customer, author="customer", public=True, customer=customer)
    elif shape < 0.9:
        t = c.add("message.created", t, author="customer", public=True, customer=customer,
                  channel=channel, team=team)
        c.add("conversation.opened", t + (0 if rng.random() < 0.2 else delay(rng, 3, 0.8)),
              customer=customer, channel=channel, team=team, priority=priority, attributes=attributes)
    else:
        t = c.add("message.created", t, author="customer", public=True, customer=customer,
                  channel=channel, team=team, priority=priority, attributes=attributes)
    if rng.random() < 0.3:
        change(t, "open")

    # Before the first reply: a bot and its hand-off, plain assignments, transfers, private notes.
    agent = None
    clock = t
    if rng.random() < (0.4 if channel == "chat" else 0.1):
        if rng.random() < 0.2:  # an assignment before the bot writes: not a hand-off
            agent = rng.choice(AGENTS[team])
            c.add("conversation.assigned", t, agent=agent, team=team)
        bot_at = t + delay(rng, 2, 0.5)
        c.add("message.created", bot_at, author="bot", public=True)
        handoff = rng.random()
        if handoff < 0.8:
            # A hand-off at the bot's very instant is ordered before the bot's message (assigned
            # before message.created), so it is no hand-off.
            same_instant = rng.random() < 0.1
            at = bot_at if same_instant else bot_at + delay(rng, 90 if fast else 1800, 1.0)
            agent = rng.choice(AGENTS[team])
            c.add("conversation.assigned", at, agent=agent, team=team)
            clock = at
            if rng.random() < 0.2:  # a second hand-off: the clock restarts at the last one
                new_team = other_team(rng, team) if rng.random() < 0.5 else team
                agent = rng.choice(AGENTS[new_team])
                at = at + delay(rng, 60 if fast else 900, 1.0)
                if new_team != team:
                    c.add("conversation.transferred", at, team=new_team, agent=agent, from_team=team)
                else:
                    c.add("conversation.assigned", at, agent=agent, team=team)
                team = new_team
                clock = at
            if rng.random() < 0.2:  # the bot writes again after the hand-off
                c.add("message.created", clock + delay(rng, 5, 0.5), author="bot", public=True)
        elif handoff < 0.9:
            c.add("message.created", bot_at + delay(rng, 10, 0.5), author="bot", public=False)
    elif rng.random() < 0.7:
        agent = rng.choice(AGENTS[team])
        c.add("conversation.assigned", t + delay(rng, 30 if fast else 1200, 1.0), agent=agent, team=team)

    if rng.random() < 0.1:  # a transfer before the first reply: the reply counts under the new team
        new_team = other_team(rng, team)
        agent = rng.choice(AGENTS[new_team])
        at = clock + delay(rng, 60 if fast else 1800, 1.0)
        c.add("conversation.transferred", at, team=new_team, agent=agent, from_team=team)
        if rng.random() < 0.2:  # and a second one at the same instant: the id decides the order
            c.add("conversation.transferred", at, team=other_team(rng, new_team),
                  agent=rng.choice(AGENTS[new_team]), from_team=team)
            team = None  # in force: the later of the two by id
        else:
            team = new_team
        clock = max(clock, at)
    if agent is None:
        agent = rng.choice(AGENTS[team or "a"])

    if rng.random() < 0.25:
        c.add("message.created", clock + delay(rng, 30 if fast else 600, 1.0), author="agent",
              public=False, agent=agent)

    # The first public reply (a few conversations never get one).
    replied = rng.random() < 0.92
    if replied:
        wait = delay(rng, 75 if fast else 3 * 3600, 1.3 if fast else 1.5, None if fast else 5 * 86400)
        if rng.random() < 0.03:
            wait = 0  # at the hand-off's (or the start's) very instant
        fields = {"author": "agent", "agent": agent}
        if rng.random() < 0.97:
            fields["public"] = True  # a few replies leave `public` out: counted as public
        if rng.random() < 0.5 and team is not None:
            fields["team"] = team
        t = c.add("message.created", clock + wait, **fields)
        if queued:
            c.add("contact.answered", clock + wait, agent=agent)
        if rng.random() < 0.03:
            # At the reply's instant, but after it in the order of events (status.changed comes
            # after message.created): a pending status filed under another team and channel. The
            # first response time stays under the team and channel in force at the reply.
            new_team = other_team(rng, team or "a")
            change(t, "pending", team=new_team, channel="email" if channel == "chat" else "chat")
            team = new_team
            t = change(t + delay(rng, 60, 1.0), "open")
    else:
        t = clock + delay(rng, 600, 1.0)
        if queued:
            c.add("contact.abandoned", t)
            return

    # After the first reply: rounds of customer and agent messages, pending, transfers.
    for _ in range(rng.choices([0, 1, 2, 3], weights=[4, 3, 2, 1])[0]):
        if rng.random() < 0.4:
            t = change(t + delay(rng, 60, 1.0), "pending", agent=agent)
        t = c.add("message.created", t + delay(rng, 300 if fast else 5 * 3600, 1.3), author="customer",
                  public=True, customer=customer)
        if status == "pending":
            t = change(t, "open")
        if rng.random() < 0.08:
            new_team = other_team(rng, team or "a")
            agent = rng.choice(AGENTS[new_team])
            t = c.add("conversation.transferred", t + delay(rng, 120, 1.0), team=new_team, agent=agent,
                      from_team=team)
            team = new_team
        if rng.random() < 0.85:
            t = c.add("message.created", t + delay(rng, 90 if fast else 3 * 3600, 1.3), author="agent",
                      public=True, agent=agent)
        if rng.random() < 0.1:
            c.add("conversation.escalated", t + delay(rng, 60, 1.0), agent=agent)

    # Solved (sometimes without any reply), closed, reopened and solved again.
    if rng.random() < 0.15:
        return  # left open
    solve_team = team if rng.random() < 0.3 else None
    first_solve = change(t + delay(rng, 120 if fast else 1800, 1.0), "solved", agent=agent, team=solve_team)
    if rng.random() < 0.25:
        change(first_solve + delay(rng, 2 * 86400, 0.8), "closed")
    survey_events(rng, c, first_solve, team, agent, channel)
    if rng.random() < 0.15:
        # Reopen within the 7-day FCR window, or well beyond it (10–14 days).
        if rng.random() < 0.7:
            reopen = first_solve + rng.randrange(HOUR, 6 * DAY)
        else:
            reopen = first_solve + rng.randrange(10 * DAY, 14 * DAY)
        reopen = max(reopen, max(parse_rfc3339(e["at"]) for e in c.events if e["type"] == "status.changed") + SECOND)
        t = c.add("message.created", reopen, author="customer", public=True, customer=customer)
        change(t, "open")
        if rng.random() < 0.8:
            t = c.add("message.created", t + delay(rng, 3600, 1.0), author="agent", public=True, agent=agent)
        if rng.random() < 0.8:
            change(t + delay(rng, 600, 1.0), "solved", agent=agent)


def phone_conversation(rng, c, now_us, days):
    team = rng.choice(TEAMS)
    customer = f"cus-{rng.randrange(1, 5000):05d}"
    t = start_instant(rng, now_us, days)
    c.add("contact.queued", t, customer=customer, channel="phone", team=team,
          attributes={"queue": f"line-{team}"})
    if rng.random() < 0.15:
        wait = rng.randrange(1, 5) * SECOND + jitter(rng) if rng.random() < 0.3 else delay(rng, 40, 1.0)
        c.add("contact.abandoned", t + wait, channel="phone")
        return
    agent = rng.choice(AGENTS[team])
    t = c.add("contact.answered", t + delay(rng, 15, 1.0), agent=agent, channel="phone", team=team)
    end = t + delay(rng, 300, 0.7)
    if rng.random() < 0.3:
        hold = t + (end - t) // 3
        c.add("hold.started", hold, agent=agent)
        c.add("hold.ended", hold + delay(rng, 45, 0.8, (end - hold) // SECOND - 1), agent=agent)
    c.add("contact.ended", end, agent=agent)
    t = end
    if rng.random() < 0.8:
        t = c.add("wrapup.ended", end + delay(rng, 60, 0.8), agent=agent)
    if rng.random() < 0.8:
        t = c.add("status.changed", t, status="solved", agent=agent, team=team)
        if rng.random() < 0.5:
            survey_events(rng, c, t, team, agent, "phone")


def generate(n, now_us, seed, days):
    """Yields the events of each conversation in turn, then a few surveys without one."""
    rng = random.Random(seed)
    for i in range(1, n + 1):
        c = Conversation(rng, f"c{i:07d}")
        channel = rng.choices(["chat", "email", "phone"], weights=[45, 40, 15])[0]
        if channel == "phone":
            phone_conversation(rng, c, now_us, days)
        else:
            messaging_conversation(rng, c, now_us, days, channel)
        yield from c.events
    # A few surveys outside any conversation (counted under their own team).
    for i in range(max(1, n // 200)):
        c = Conversation(rng, f"s{i:06d}")
        c.add("survey.answered", now_us - rng.randrange(HOUR, days * DAY), without_conversation=True,
              customer=f"cus-{rng.randrange(1, 5000):05d}", team=rng.choice(TEAMS), survey="csat",
              score=rng.randrange(1, 6))
        yield from c.events


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of conversations")
    parser.add_argument("out", help="the NDJSON file to write")
    parser.add_argument("--now", default="2027-01-05T10:30:00Z", help="the reference instant (RFC 3339)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--days", type=int, default=35)
    parser.add_argument("--no-shuffle", action="store_true", help="keep each conversation's events together")
    parser.add_argument("--shuffle-block", type=int, default=2_000_000,
                        help="shuffle the lines in blocks of this many (bounds memory; one block below it)")
    args = parser.parse_args(argv)
    shuffler = random.Random(args.seed + 1)
    count, block = 0, []
    with open(args.out, "w", encoding="utf-8") as out:
        def flush():
            if not args.no_shuffle:
                shuffler.shuffle(block)
            out.writelines(block)
            block.clear()
        for event in generate(args.n, parse_rfc3339(args.now), args.seed, args.days):
            block.append(json.dumps(event, separators=(",", ":")) + "\n")
            count += 1
            if len(block) >= args.shuffle_block:
                flush()
        flush()
    print(f"generate.py: {count} events of {args.n} conversations -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
