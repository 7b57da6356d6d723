extension SimulationProfile {
    /// The standard profile as YAML: what `tenet simulate --print-profile` prints, and the one
    /// source of ``standard``. Every key is here with its default value.
    public static let standardText = #"""
        # Tenet simulation profile: the standard one (`tenet simulate --print-profile` prints it).
        # A mid-size support center of 60 agents whose figures sit near the targets of
        # philosophy.example.yaml: some met, some at risk, a few missed. docs/SIMULATOR.md explains
        # every key and how to calibrate a profile from your own history. A key left out of your
        # profile keeps the value below. Shares are written `35%` or `0.35`; durations `90s`,
        # `4m30s`, `2h`, `3d`. A duration distribution is a fixed duration (`30s`), exponential
        # (`{ mean: 3m }`) or log-normal (`{ median: 4m, log_sd: 0.75 }` or `{ log_mean: 5.48,
        # log_sd: 0.75 }`, the mean and standard deviation of ln(seconds)), with an optional `max`.
        version: 1
        zone: Europe/Berlin        # the organisation's time zone when no philosophy names one
        currency: EUR              # of order amounts

        # Conversations arrive as a Poisson process whose rate is constant within each local hour:
        # rates[channel] × hour_weights × day_weights × month_weights × week_weights
        # (× holiday_volume on a holiday of the profile or of the channel's schedule).
        arrivals:
          rates: { email: 40, chat: 64, phone: 54, social: 11, web_form: 14 }   # per hour at weight 1
          hour_weights:            # local hours 0 … 23; `all`, or per channel
            all: [0.04, 0.02, 0.02, 0.02, 0.03, 0.05, 0.12, 0.32, 0.62, 0.88, 1.00, 0.97,
                  0.82, 0.86, 0.95, 0.92, 0.82, 0.64, 0.48, 0.40, 0.34, 0.26, 0.16, 0.08]
            email: [0.06, 0.04, 0.03, 0.03, 0.04, 0.06, 0.14, 0.36, 0.70, 0.92, 1.00, 0.96,
                    0.84, 0.88, 0.94, 0.90, 0.82, 0.66, 0.50, 0.42, 0.36, 0.30, 0.20, 0.12]
            social: [0.22, 0.12, 0.08, 0.06, 0.06, 0.08, 0.16, 0.32, 0.55, 0.75, 0.85, 0.90,
                     0.92, 0.90, 0.90, 0.90, 0.92, 0.95, 1.00, 1.00, 0.95, 0.85, 0.65, 0.40]
          day_weights: { mon: 1.00, tue: 0.95, wed: 0.92, thu: 0.90, fri: 0.82, sat: 0.38, sun: 0.28 }
          month_weights: [1.05, 0.96, 0.98, 0.96, 0.95, 0.92, 0.88, 0.86, 0.98, 1.00, 1.08, 1.15]
          week_weights: { 48: 1.20 }   # ISO weeks; 48 holds Black Friday in 2026
          holidays: [2026-12-25, 2026-12-26, 2027-01-01]
          holiday_volume: 30%
          routing:                 # which team receives a channel's conversations
            email: { support: 85%, sales: 15% }
            chat: { support: 100% }
            phone: { support: 90%, sales: 10% }
            social: { support: 100% }
            web_form: { support: 60%, sales: 40% }
          priorities: { urgent: 5%, high: 18%, normal: 62%, low: 15% }
          segments: { consumer: 55%, smb: 32%, enterprise: 13% }
          languages: { en: 50%, de: 38%, fr: 12% }

        customers:
          initial: 24000           # active at the start, announced at their join dates
          history: 730d            # … spread over this time before the start
          new_per_day: 16          # each with attributes.source and a first order
          sources: { referral: 30%, organic: 45%, paid: 25% }
          owners: { support: 45%, product: 15%, sales: 20%, marketing: 20% }   # the team of its lifecycle events
          monthly_churn: 1.6%
          repeat_share: 25%        # conversations from a customer who wrote within repeat_window
          repeat_window: 14d
          orders_per_month: 0.35   # per active customer
          order_amount: { median: 58, log_sd: 0.7 }

        # Agents per team and group. phone and chat answer queued contacts live (chat agents up to
        # `concurrency` at once); tickets work the backlog: email, social, web forms, and chats
        # that came while the chat line was closed (a call then hears that the line is closed).
        # A team of the philosophy that is not here has no agents and handles no conversations.
        teams:
          support:
            phone: { agents: 13 }
            chat: { agents: 9, concurrency: 2 }
            tickets: { agents: 28 }
          sales:
            phone: { agents: 4 }
            tickets: { agents: 6 }

        shifts:
          length: 8h
          days_per_week: 5
          breaks:
            - { after: 2h, length: 15m }
            - { after: 4h, length: 30m }     # lunch
            - { after: 6h15m, length: 15m }
          break_jitter: 45m        # a break moves up to this far from its offset, to where coverage is highest
          hours:                   # opening hours of a group when the philosophy's coverage gives none
            phone: { mon-fri: ["07:00-20:00"], sat: ["08:00-14:00"] }
            chat: { mon-fri: ["08:00-18:00"], sat: ["10:00-14:00"] }
            tickets: { mon-fri: ["08:00-18:00"], sat: ["10:00-14:00"] }

        phone:
          patience: { mean: 3m }                  # exponential: the mean time a caller waits
          talk: { median: 4m, log_sd: 0.75 }      # answered → ended, holds included
          hold: { share: 20%, length: { median: 50s, log_sd: 0.8 } }
          wrapup: { median: 40s, log_sd: 0.6 }

        chat:
          bot: { handoff: 55%, duration: { median: 80s, log_sd: 0.7 } }
          patience: { median: 5m, log_sd: 0.9 }
          talk: { median: 9m, log_sd: 0.65 }
          wrapup: { median: 30s, log_sd: 0.5 }
          exchanges: 2             # mean message pairs after the first reply

        tickets:
          work: { median: 4m30s, log_sd: 0.7 }       # an agent's time on one reply
          pending: 35%                            # replies that wait on the customer
          customer_reply: { share: 75%, delay: { median: 4h, log_sd: 1.1 } }
          pending_timeout: 3d                     # then solved without an answer
          private_notes: 15%
          expedite: [social]                      # worked first, with urgent conversations

        flow:
          transfer: 4%
          escalation: { urgent: 25%, high: 10%, normal: 3%, low: 1% }
          escalation_delay: { median: 3h, log_sd: 0.9 }
          reopen: 4%
          reopen_delay: { median: 20h, log_sd: 1.0 }

        # Surveys after the final solve. The experience decides the response rate and the scores:
        # reopened before the survey, else long_wait when the first wait was longer than
        # long_wait (live: queue time; tickets: opening → first agent reply), else good.
        surveys:
          long_wait: { live: 2m, tickets: 24h }
          csat:
            send: 100%
            delay: { median: 1h, log_sd: 1.0, max: 2d }
            response: { good: 22%, long_wait: 26%, reopened: 30% }
            scores:                # shares of 1, 2, 3, 4, 5
              good: [1%, 1%, 3%, 23%, 72%]
              long_wait: [7%, 9%, 16%, 36%, 32%]
              reopened: [14%, 14%, 20%, 30%, 22%]
          nps:
            send: 25%
            delay: { median: 1d, log_sd: 0.8, max: 5d }
            response: { good: 18%, long_wait: 20%, reopened: 24% }
            scores:                # shares of 0, 1, …, 10
              good: [2%, 1%, 1%, 1%, 2%, 3%, 5%, 9%, 14%, 24%, 38%]
              long_wait: [5%, 3%, 4%, 5%, 6%, 8%, 10%, 14%, 15%, 14%, 16%]
              reopened: [9%, 5%, 6%, 7%, 8%, 10%, 11%, 12%, 12%, 10%, 10%]
          ces:
            send: 30%
            delay: { median: 2h, log_sd: 1.0, max: 2d }
            response: { good: 20%, long_wait: 22%, reopened: 25% }
            scores:                # shares of 1, 2, …, 7
              good: [1%, 2%, 4%, 8%, 20%, 33%, 32%]
              long_wait: [4%, 7%, 11%, 16%, 24%, 22%, 16%]
              reopened: [8%, 10%, 14%, 18%, 22%, 16%, 12%]

        qa:
          sample: 5%               # of solved conversations
          delay: { median: 1d, log_sd: 0.5, max: 4d }
          categories: { accuracy: 2, tone: 1, process: 1 }    # weights
          score:                   # each category: normal, clamped to 0 … 100
            good: { mean: 88, sd: 8 }
            long_wait: { mean: 84, sd: 9 }
            reopened: { mean: 76, sd: 10 }

        # The organisation's own events, for the custom metrics of the example philosophy.
        extra_events:
          - { type: x.lead.qualified, per_week: 135, team: marketing, attributes: { stage: mql } }
          - { type: x.lead.qualified, per_week: 44, team: sales, attributes: { stage: sql } }
          - { type: x.feature.used, per_week: 560, team: product, attributes: { feature: bulk-edit } }
          - type: x.product.rated
            per_week: 90
            team: product
            value: { field: score, from: 1, shares: [2%, 5%, 9%, 37%, 47%] }
          - type: x.brand.surveyed
            per_week: 30
            team: design
            value: { field: attributes.choose_again, from: 0, shares: [1%, 1%, 1%, 1%, 2%, 4%, 5%, 10%, 20%, 26%, 29%] }
          - type: x.employee.surveyed
            per_week: 15
            team: leadership
            value: { field: score, from: 0, shares: [1%, 1%, 1%, 2%, 3%, 6%, 10%, 20%, 26%, 18%, 12%] }

        employees:                 # x.employee.active monthly for every agent and other staff member
          other_staff: 12
          monthly_attrition: 1.3%  # x.employee.left
          team: hr

        scenarios:
          staff_shortage: { absent: 35% }
          outage_spike:
            volume: 3              # total volume as a multiple of the usual
            ramp: 5m
            mix: { chat: 40%, social: 40%, phone: 15%, email: 5% }
            patience: 3            # customers wait this many times longer in the queue
            handling: 3            # talk and ticket work take this many times longer; the bot hands every one over
            priorities: { urgent: 30%, high: 50%, normal: 20% }
          holiday: { volume: 25%, staffing: 35% }
          schedule: []             # e.g. - { name: outage_spike, start: 2026-11-25T10:00:00+01:00, duration: 2h }
        """#
}
