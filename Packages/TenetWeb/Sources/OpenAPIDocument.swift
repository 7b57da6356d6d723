/// The OpenAPI 3.1 document of the web API, served at `GET /v1/openapi.yaml`: a copy of
/// docs/openapi.yaml, so that it ships inside the executable (a test checks that they are equal;
/// regenerate with `Scripts/embed-swift.sh` after editing the YAML).
public enum OpenAPIDocument {
    /// The document's text.
    public static let text = ##"""
openapi: 3.1.0
info:
  title: Tenet web API
  version: "1"
  summary: The scorecard, metrics, drill-down, alerts, SLA, staffing, event intake, live stream and Prometheus metrics of a Tenet stack.
  description: >-
    Served by the web plugin (tenet-web) and documented in docs/API.md (the dashboard at / in
    docs/DASHBOARD.md). Every route but the dashboard's (/ and /assets/…), /v1/health and
    /v1/openapi.yaml takes `Authorization: Bearer TOKEN` (the token is in
    DATA/web.token, or TENET_WEB_TOKEN); /metrics too unless TENET_WEB_METRICS_AUTH=none.
    Every error is JSON: {"error": {"code": "...", "message": "..."}}.
servers:
  - url: http://127.0.0.1:8781
security:
  - bearer: []
paths:
  /v1/health:
    get:
      summary: Whether the web plugin is up (no token needed)
      operationId: health
      security: []
      responses:
        "200":
          description: Up.
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status: { type: string, const: ok }
  /v1/openapi.yaml:
    get:
      summary: This document (no token needed)
      operationId: openapi
      security: []
      responses:
        "200":
          description: The OpenAPI document.
          content:
            application/yaml:
              schema: { type: string }
  /:
    get:
      summary: The dashboard's page (no token needed; it holds no data and asks the API with the token the user gives it)
      operationId: dashboard
      security: []
      description: >-
        docs/DASHBOARD.md. The page's own query parameters (team, channel, priority, segment,
        repeatable) are its filters; the server ignores them. Served with a strict
        Content-Security-Policy, X-Content-Type-Options nosniff, Referrer-Policy no-referrer,
        Cache-Control no-cache and an ETag (If-None-Match answers 304).
      responses:
        "200":
          description: The page.
          content:
            text/html:
              schema: { type: string }
        "304":
          description: The copy the client holds (If-None-Match) is current.
  /assets/{name}:
    get:
      summary: One of the dashboard's files (no token needed)
      operationId: dashboardAsset
      security: []
      parameters:
        - name: name
          in: path
          required: true
          description: dashboard.js, dashboard.css or favicon.svg.
          schema: { type: string }
      responses:
        "200":
          description: The file (text/javascript, text/css or image/svg+xml).
          content:
            text/javascript:
              schema: { type: string }
            text/css:
              schema: { type: string }
            image/svg+xml:
              schema: { type: string }
        "304":
          description: The copy the client holds (If-None-Match) is current.
        "404": { $ref: "#/components/responses/NotFound" }
  /v1/philosophy:
    get:
      summary: The philosophy's words that the figures do not carry (purpose, vision, action statements, team names)
      operationId: philosophy
      responses:
        "200":
          description: The philosophy file's purpose, vision, values and teams, read at each request.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Philosophy" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/scorecard:
    get:
      summary: Every standing series of the philosophy now (the metrics plugin's scorecard)
      operationId: scorecard
      responses:
        "200":
          description: The scorecard.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Scorecard" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/metrics:
    get:
      summary: One metric's statistic over a span, filtered and grouped (the metrics plugin's query)
      operationId: metrics
      parameters:
        - $ref: "#/components/parameters/metric"
        - $ref: "#/components/parameters/stat"
        - $ref: "#/components/parameters/period"
        - $ref: "#/components/parameters/from"
        - $ref: "#/components/parameters/to"
        - $ref: "#/components/parameters/hours"
        - $ref: "#/components/parameters/by"
        - $ref: "#/components/parameters/where"
      responses:
        "200":
          description: One figure per group.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/MetricQueryReply" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/UnknownMetric" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/conversations:
    get:
      summary: The measurements behind a figure, one row each (drill-down)
      operationId: conversations
      parameters:
        - $ref: "#/components/parameters/metric"
        - $ref: "#/components/parameters/stat"
        - $ref: "#/components/parameters/period"
        - $ref: "#/components/parameters/from"
        - $ref: "#/components/parameters/to"
        - $ref: "#/components/parameters/hours"
        - $ref: "#/components/parameters/by"
        - $ref: "#/components/parameters/where"
        - name: limit
          in: query
          description: The most rows returned (default 1000).
          schema: { type: integer, minimum: 1, maximum: 10000 }
      responses:
        "200":
          description: The rows, in time order, and how many match.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/ConversationsReply" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/UnknownMetric" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/conversations/{id}:
    get:
      summary: One conversation's measurements
      operationId: conversation
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        "200":
          description: Its measurements, by instant.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/ConversationReply" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "404": { $ref: "#/components/responses/NotFound" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/conversations/{id}/events:
    get:
      summary: One conversation's stored events, in store order (the store's query; at most 1000)
      operationId: conversationEvents
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        "200":
          description: Its events, each as the store keeps it (its JSON exactly as received).
          content:
            application/json:
              schema: { $ref: "#/components/schemas/StoredEvents" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "404": { $ref: "#/components/responses/NotFound" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/alerts:
    get:
      summary: Pending and firing alerts, targets not met, the latest transitions (the rules plugin's alerts)
      operationId: alerts
      parameters:
        - name: recent
          in: query
          description: How many of the latest transitions to list (default 50).
          schema: { type: integer, minimum: 1, maximum: 1000 }
      responses:
        "200":
          description: The alerts.
          content:
            application/json:
              schema: { type: object }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/sla:
    get:
      summary: Running SLA clocks, attainment and the latest breaches (the rules plugin's sla)
      operationId: sla
      parameters:
        - name: filter
          in: query
          schema: { type: string, enum: [all, breached, at_risk] }
        - name: limit
          in: query
          description: The most clocks listed (default 100).
          schema: { type: integer, minimum: 1, maximum: 10000 }
      responses:
        "200":
          description: The SLA clocks.
          content:
            application/json:
              schema: { type: object }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/staffing:
    get:
      summary: Contacts and handle time per slot of the week, for Erlang C staffing
      operationId: staffing
      parameters:
        - name: interval
          in: query
          description: The slot length in minutes, a divisor of 1440 (default 30).
          schema:
            type: integer
            enum: [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30, 32, 36, 40, 45, 48, 60, 72, 80, 90, 96, 120, 144, 160, 180, 240, 288, 360, 480, 720, 1440]
        - $ref: "#/components/parameters/from"
        - $ref: "#/components/parameters/to"
        - $ref: "#/components/parameters/where"
      responses:
        "200":
          description: The observations per slot.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/StaffingReply" }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/events:
    post:
      summary: Send events (NDJSON, a JSON array or one object), forwarded to ingest; answered once stored
      operationId: events
      parameters:
        - name: Idempotency-Key
          in: header
          description: Names the batch, so that a retried request's dead letters land once.
          schema: { type: string }
      requestBody:
        required: true
        content:
          application/x-ndjson:
            schema: { type: string }
          application/json:
            schema:
              oneOf:
                - { $ref: "#/components/schemas/Event" }
                - { type: array, minItems: 1, items: { $ref: "#/components/schemas/Event" } }
      responses:
        "202":
          description: Every event stored (or already stored with the same content).
          content:
            application/json:
              schema: { $ref: "#/components/schemas/IngestReport" }
        "400":
          description: Some lines are not valid events (the valid ones were stored), the body holds no events, or a parameter is wrong.
          content:
            application/json:
              schema:
                oneOf:
                  - { $ref: "#/components/schemas/IngestReport" }
                  - { $ref: "#/components/schemas/Error" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
        "408": { $ref: "#/components/responses/Error" }
        "409":
          description: Some lines reuse a stored event's id with different content.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/IngestReport" }
        "413": { $ref: "#/components/responses/Error" }
        "502": { $ref: "#/components/responses/UpstreamError" }
        "503": { $ref: "#/components/responses/Unavailable" }
  /v1/stream:
    get:
      summary: Live updates as server-sent events (metric, alert, target, sla)
      operationId: stream
      description: >-
        Each event is `event: NAME` and `data: BODY` (the bus message's JSON body), NAME one of
        metric, alert, target, sla. A `: keep-alive` comment comes every 15 seconds. A client
        that falls 256 events behind is disconnected.
      responses:
        "200":
          description: The stream (it does not end while the client reads it); each event's data is the bus message's JSON body.
          content:
            text/event-stream:
              schema:
                type: object
                required: [event, data]
                properties:
                  event: { type: string, enum: [metric, alert, target, sla] }
                  data: { type: string, contentMediaType: application/json }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
  /metrics:
    get:
      summary: Prometheus text exposition format 0.0.4
      operationId: prometheus
      description: The token is required unless TENET_WEB_METRICS_AUTH=none.
      responses:
        "200":
          description: The key metrics, target statuses, plugin states and the web plugin's counters.
          content:
            text/plain:
              schema: { type: string }
        "400": { $ref: "#/components/responses/BadRequest" }
        "401": { $ref: "#/components/responses/Unauthorized" }
        "405": { $ref: "#/components/responses/MethodNotAllowed" }
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  parameters:
    metric:
      name: metric
      in: query
      required: true
      description: >-
        A built-in metric (docs/METRICS.md; the enum lists their names and aliases) or a custom
        metric of the philosophy in force (1–64 lowercase letters, digits, `_` or `-`, starting with
        a letter). A well-formed name that is neither is answered 404 `unknown_metric`.
      schema:
        anyOf:
          - { $ref: "#/components/schemas/BuiltinMetric" }
          - { type: string, pattern: "^[a-z][a-z0-9_-]{0,63}$" }
    stat:
      name: stat
      in: query
      description: >-
        The statistic; the metric's default when absent. It must apply to the metric's kind
        (durations: mean, median, pN, min, max, count, within_T; ratios: rate; NPS: net; scores
        and money: mean, median, pN, min, max, count, sum; counts: sum, last, count, mean, min,
        max): one that does not is answered 400 `bad_request`.
      schema:
        anyOf:
          - { type: string, enum: [mean, average, avg, median, min, max, count, sum, rate, net, last] }
          - { type: string, pattern: "^p([1-9]|[1-9][0-9])$" }
          - { type: string, pattern: "^within_([0-9]{1,10}ms|[0-9]{1,9}s|[0-9]{1,7}m|[0-9]{1,5}h|[0-9]{1,4}d)$" }
    period:
      name: period
      in: query
      description: The current hour, day, week or month, or the rolling 7 or 28 days up to now.
      schema: { type: string, enum: [hour, day, week, month, rolling_7d, rolling_28d] }
    from:
      name: from
      in: query
      description: The first instant included (RFC 3339, years 1678–2261).
      schema: { $ref: "#/components/schemas/Instant" }
    to:
      name: to
      in: query
      description: The first instant excluded (RFC 3339, years 1678–2261).
      schema: { $ref: "#/components/schemas/Instant" }
    hours:
      name: hours
      in: query
      schema: { type: string, enum: [calendar, business] }
    by:
      name: by
      in: query
      description: One or two dimensions to group by, comma-separated (team,channel).
      style: form
      explode: false
      schema:
        type: array
        minItems: 1
        maxItems: 2
        items: { $ref: "#/components/schemas/DimensionName" }
    where:
      name: where
      in: query
      description: >-
        Filters as where[DIMENSION]=a,b (deepObject style; several values at once, at most 100;
        attributes as where[attributes.NAME]); where.DIMENSION=a,b is the same.
      style: deepObject
      explode: true
      schema:
        type: object
        properties:
          conversation: { $ref: "#/components/schemas/FilterValues" }
          customer: { $ref: "#/components/schemas/FilterValues" }
          channel: { $ref: "#/components/schemas/FilterValues" }
          team: { $ref: "#/components/schemas/FilterValues" }
          agent: { $ref: "#/components/schemas/FilterValues" }
          priority: { $ref: "#/components/schemas/FilterValues" }
          segment: { $ref: "#/components/schemas/FilterValues" }
          language: { $ref: "#/components/schemas/FilterValues" }
        patternProperties:
          "^attributes\\.[^,]+$": { $ref: "#/components/schemas/FilterValues" }
        additionalProperties: false
  responses:
    Error:
      description: An error.
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
    BadRequest:
      description: A query parameter is unknown, repeated or wrong (the message names it), or the plugin asked refused the request.
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
    Unauthorized:
      description: The bearer token is missing or wrong.
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
    MethodNotAllowed:
      description: The path takes other methods (listed in the Allow header).
      headers:
        Allow: { schema: { type: string } }
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
    NotFound:
      description: No such route or conversation.
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
    UnknownMetric:
      description: The metric is neither built in nor a custom metric of the philosophy in force (code unknown_metric).
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
    UpstreamError:
      description: The plugin asked failed or answered something unreadable.
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
    Unavailable:
      description: The plugin asked did not answer, or is not in the stack; retry.
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
  schemas:
    BuiltinMetric:
      description: The built-in metrics' names and aliases (docs/METRICS.md).
      type: string
      enum:
        - first_response_time
        - next_reply_time
        - average_speed_of_answer
        - service_level
        - abandonment_rate
        - average_handle_time
        - first_resolution_time
        - full_resolution_time
        - first_contact_resolution
        - one_touch_rate
        - reopen_rate
        - transfer_rate
        - escalation_rate
        - csat
        - csat_response_rate
        - nps
        - ces
        - ces_easy_rate
        - qa_score
        - retention_rate
        - churn_rate
        - average_order_value
        - backlog
        - volume_opened
        - volume_solved
        - sla_attainment
        - frt
        - nrt
        - asa
        - speed_of_answer
        - sl
        - aht
        - handle_time
        - resolution_time
        - fcr
        - customer_satisfaction
        - net_promoter_score
        - customer_effort_score
        - quality_score
        - crr
        - customer_retention_rate
        - aov
        - volume
    DimensionName:
      description: A dimension, or a free attribute as attributes.NAME.
      anyOf:
        - { type: string, enum: [conversation, customer, channel, team, agent, priority, segment, language] }
        - { type: string, pattern: "^attributes\\.[^,]+$" }
    FilterValues:
      description: One to 100 values, comma-separated, none empty.
      type: string
      pattern: "^[^,]+(,[^,]+){0,99}$"
    Instant:
      description: An RFC 3339 time with a zone, years 1678–2261 (the same rule as an event's `at`).
      $ref: "#/components/schemas/Event/properties/at"
    Event:
      # Generated from docs/schema/event.schema.json by Scripts/embed-swift.sh: edit that file and run the script.
      # BEGIN event.schema.json
      {
        "title": "Tenet event",
        "description": "One Tenet event, as the ingest plugin accepts it. See docs/EVENTS.md. Fields not listed here are allowed and kept. Arrays and objects may nest at most 128 levels deep, the event counting as 1 (not expressible here).",
        "type": "object",
        "required": [
          "id",
          "type",
          "at"
        ],
        "properties": {
          "id": {
            "description": "The producer's unique id: the idempotency key. At most 256 bytes of UTF-8 (the schema can only bound it to 256 code points; see docs/EVENTS.md), no control characters.",
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
          },
          "type": {
            "description": "A built-in event type, or the producer's own type in the x. namespace (only the envelope rules apply to it).",
            "anyOf": [
              {
                "enum": [
                  "conversation.opened",
                  "message.created",
                  "conversation.assigned",
                  "conversation.transferred",
                  "conversation.escalated",
                  "status.changed",
                  "contact.queued",
                  "contact.answered",
                  "contact.abandoned",
                  "contact.ended",
                  "hold.started",
                  "hold.ended",
                  "wrapup.ended",
                  "survey.answered",
                  "qa.scored",
                  "order.placed",
                  "customer.started",
                  "customer.churned"
                ]
              },
              {
                "type": "string",
                "pattern": "^x(\\.[a-z0-9_-]+)+$",
                "maxLength": 64
              }
            ]
          },
          "at": {
            "description": "When it happened: RFC 3339 with a zone, years 1678-2261, real calendar dates.",
            "type": "string",
            "pattern": "^(?:(?:167[89]|16[89][0-9]|1[7-9][0-9]{2}|2[01][0-9]{2}|22[0-5][0-9]|226[01])-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:16(?:8[048]|9[26])|(?:1[789]|2[01])(?:0[48]|[2468][048]|[13579][26])|22(?:0[48]|[135][26]|[24][048]|60)|2000)-02-29)[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"
          },
          "conversation": {
            "$ref": "#/components/schemas/Event/$defs/dimension"
          },
          "customer": {
            "$ref": "#/components/schemas/Event/$defs/dimension"
          },
          "channel": {
            "$ref": "#/components/schemas/Event/$defs/dimension"
          },
          "team": {
            "$ref": "#/components/schemas/Event/$defs/dimension"
          },
          "agent": {
            "$ref": "#/components/schemas/Event/$defs/dimension"
          },
          "priority": {
            "$ref": "#/components/schemas/Event/$defs/dimension"
          },
          "attributes": {
            "description": "Extra dimensions; any values.",
            "type": [
              "object",
              "null"
            ]
          }
        },
        "additionalProperties": true,
        "allOf": [
          {
            "description": "These types belong to a conversation.",
            "if": {
              "properties": {
                "type": {
                  "enum": [
                    "conversation.opened",
                    "message.created",
                    "conversation.assigned",
                    "conversation.transferred",
                    "conversation.escalated",
                    "status.changed",
                    "contact.queued",
                    "contact.answered",
                    "contact.abandoned",
                    "contact.ended",
                    "hold.started",
                    "hold.ended",
                    "wrapup.ended",
                    "qa.scored"
                  ]
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "required": [
                "conversation"
              ],
              "properties": {
                "conversation": {
                  "type": "string"
                }
              }
            }
          },
          {
            "description": "These types belong to a customer.",
            "if": {
              "properties": {
                "type": {
                  "enum": [
                    "order.placed",
                    "customer.started",
                    "customer.churned"
                  ]
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "required": [
                "customer"
              ],
              "properties": {
                "customer": {
                  "type": "string"
                }
              }
            }
          },
          {
            "description": "message.created: who wrote it, and whether the customer sees it.",
            "if": {
              "properties": {
                "type": {
                  "const": "message.created"
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "required": [
                "author"
              ],
              "properties": {
                "author": {
                  "enum": [
                    "customer",
                    "agent",
                    "bot",
                    "system"
                  ]
                },
                "public": {
                  "type": [
                    "boolean",
                    "null"
                  ]
                }
              }
            }
          },
          {
            "description": "conversation.assigned: an agent, a team or both.",
            "if": {
              "properties": {
                "type": {
                  "const": "conversation.assigned"
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "anyOf": [
                {
                  "required": [
                    "agent"
                  ],
                  "properties": {
                    "agent": {
                      "type": "string"
                    }
                  }
                },
                {
                  "required": [
                    "team"
                  ],
                  "properties": {
                    "team": {
                      "type": "string"
                    }
                  }
                }
              ]
            }
          },
          {
            "description": "conversation.transferred: where it came from.",
            "if": {
              "properties": {
                "type": {
                  "const": "conversation.transferred"
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "properties": {
                "from_team": {
                  "$ref": "#/components/schemas/Event/$defs/optionalText"
                },
                "from_agent": {
                  "$ref": "#/components/schemas/Event/$defs/optionalText"
                }
              }
            }
          },
          {
            "description": "status.changed: the new status and, optionally, the previous one.",
            "if": {
              "properties": {
                "type": {
                  "const": "status.changed"
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "required": [
                "status"
              ],
              "properties": {
                "status": {
                  "enum": [
                    "open",
                    "pending",
                    "on_hold",
                    "solved",
                    "closed"
                  ]
                },
                "previous": {
                  "enum": [
                    "open",
                    "pending",
                    "on_hold",
                    "solved",
                    "closed",
                    null
                  ]
                }
              }
            }
          },
          {
            "description": "survey.answered: a whole-number score on the survey's scale (CSAT 1-5, NPS 0-10, CES 1-7).",
            "if": {
              "properties": {
                "type": {
                  "const": "survey.answered"
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "required": [
                "survey",
                "score"
              ],
              "properties": {
                "survey": {
                  "enum": [
                    "csat",
                    "nps",
                    "ces"
                  ]
                },
                "score": {
                  "type": "number"
                }
              },
              "allOf": [
                {
                  "if": {
                    "properties": {
                      "survey": {
                        "const": "csat"
                      }
                    },
                    "required": [
                      "survey"
                    ]
                  },
                  "then": {
                    "properties": {
                      "score": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 5
                      }
                    }
                  }
                },
                {
                  "if": {
                    "properties": {
                      "survey": {
                        "const": "nps"
                      }
                    },
                    "required": [
                      "survey"
                    ]
                  },
                  "then": {
                    "properties": {
                      "score": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 10
                      }
                    }
                  }
                },
                {
                  "if": {
                    "properties": {
                      "survey": {
                        "const": "ces"
                      }
                    },
                    "required": [
                      "survey"
                    ]
                  },
                  "then": {
                    "properties": {
                      "score": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 7
                      }
                    }
                  }
                }
              ]
            }
          },
          {
            "description": "qa.scored: a score from 0 to 100 and optional weighted categories.",
            "if": {
              "properties": {
                "type": {
                  "const": "qa.scored"
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "required": [
                "score"
              ],
              "properties": {
                "score": {
                  "type": "number",
                  "minimum": 0,
                  "maximum": 100
                },
                "categories": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "name",
                      "score"
                    ],
                    "properties": {
                      "name": {
                        "type": "string",
                        "minLength": 1
                      },
                      "score": {
                        "type": "number",
                        "minimum": 0,
                        "maximum": 100
                      },
                      "weight": {
                        "type": "number",
                        "exclusiveMinimum": 0
                      }
                    }
                  }
                }
              }
            }
          },
          {
            "description": "order.placed: an amount and an ISO 4217 currency code.",
            "if": {
              "properties": {
                "type": {
                  "const": "order.placed"
                }
              },
              "required": [
                "type"
              ]
            },
            "then": {
              "required": [
                "amount",
                "currency"
              ],
              "properties": {
                "amount": {
                  "type": "number",
                  "minimum": 0
                },
                "currency": {
                  "type": "string",
                  "pattern": "^[A-Z]{3}$"
                }
              }
            }
          }
        ],
        "$defs": {
          "dimension": {
            "description": "A dimension value: absent, null, or a non-empty string of at most 256 bytes of UTF-8 (bounded here to 256 code points) without control characters.",
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 256,
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
          },
          "optionalText": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1
          }
        }
      }
      # END event.schema.json
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [code, message]
          properties:
            code: { type: string }
            message: { type: string }
    Figure:
      type: object
      required: [dimensions, sample_size]
      properties:
        dimensions:
          type: object
          additionalProperties: { type: [string, "null"] }
        value: { type: number }
        sample_size: { type: integer }
        numerator: { type: integer }
        denominator: { type: integer }
        currency: { type: string }
    SeriesFigure:
      type: object
      required: [series, metric, stat, hours, period, from, to, filter, figure, unit, last_seq]
      properties:
        series: { type: string }
        metric: { type: string }
        stat: { type: string }
        hours: { type: string }
        period: { type: string }
        from: { type: string }
        to: { type: string }
        filter:
          type: object
          additionalProperties: { type: array, items: { type: string } }
        figure: { $ref: "#/components/schemas/Figure" }
        unit: { type: string }
        target: { type: string }
        status: { type: string, enum: [met, at_risk, missed, no_data] }
        value_name: { type: string }
        team: { type: string }
        last_seq: { type: integer }
    Scorecard:
      type: object
      required: [at, series, last_seq]
      properties:
        at: { type: string }
        series: { type: array, items: { $ref: "#/components/schemas/SeriesFigure" } }
        last_seq: { type: integer }
    MetricQueryReply:
      type: object
      required: [metric, stat, hours, unit, groups, last_seq]
      properties:
        metric: { type: string }
        stat: { type: string }
        hours: { type: string }
        from: { type: string }
        to: { type: string }
        unit: { type: string }
        groups: { type: array, items: { $ref: "#/components/schemas/Figure" } }
        last_seq: { type: integer }
    ConversationsReply:
      type: object
      required: [metric, total, rows, last_seq]
      properties:
        metric: { type: string }
        from: { type: string }
        to: { type: string }
        total: { type: integer }
        last_seq: { type: integer }
        parts:
          description: For a rate's rows, how many of `total` count on each side of the division.
          type: object
          required: [numerator, denominator]
          properties:
            numerator: { type: integer }
            denominator: { type: integer }
        rows:
          type: array
          items:
            type: object
            required: [conversation, at, value, business_value, dimensions]
            properties:
              conversation: { type: string }
              at: { type: string }
              value: { type: number }
              business_value: { type: number }
              currency: { type: string }
              dimensions: { type: object, additionalProperties: { type: string } }
              part:
                description: For a rate's rows, the side of the division the row counts on (its value is 1).
                type: string
                enum: [numerator, denominator]
    Philosophy:
      type: object
      required: [purpose, vision, values, teams]
      properties:
        purpose: { type: string }
        vision: { type: string }
        values:
          type: array
          items:
            type: object
            required: [name, action]
            properties:
              name: { type: string }
              action: { type: string }
        teams:
          type: array
          items:
            type: object
            required: [id, name]
            properties:
              id: { type: string }
              name: { type: string }
    StoredEvents:
      type: object
      required: [events, last_seq]
      properties:
        events:
          type: array
          items:
            type: object
            required: [seq, id, type, event]
            properties:
              seq: { type: integer }
              id: { type: string }
              type: { type: string }
              event: { type: object }
        last_seq: { type: integer }
    ConversationReply:
      type: object
      required: [conversation, measurements, anomalies]
      properties:
        conversation: { type: string }
        measurements:
          type: array
          items:
            type: object
            required: [metric, at, dimensions]
            properties:
              metric: { type: string }
              at: { type: string }
              seconds: { type: number }
              business_seconds: { type: number }
              outcome: { type: boolean }
              score: { type: number }
              amount: { type: number }
              currency: { type: string }
              open_until: { type: [string, "null"] }
              dimensions: { type: object, additionalProperties: { type: string } }
        anomalies: { type: object, additionalProperties: { type: integer } }
    StaffingReply:
      type: object
      required: [zone, interval_minutes, slots]
      properties:
        zone: { type: string }
        interval_minutes: { type: integer }
        first_day: { type: string }
        last_day: { type: string }
        slots:
          type: array
          items:
            type: object
            required: [weekday, start_minute, days, contacts, handled, handle_seconds]
            properties:
              weekday: { type: string }
              start_minute: { type: integer }
              days: { type: integer }
              contacts: { type: integer }
              handled: { type: integer }
              handle_seconds: { type: number }
    IngestReport:
      type: object
      required: [accepted, duplicates, conflicts, rejected]
      properties:
        accepted: { type: integer }
        duplicates: { type: integer }
        conflicts: { type: integer }
        rejected: { type: integer }
        last_seq: { type: integer }
        errors:
          type: array
          items:
            type: object
            required: [line, status, reason]
            properties:
              line: { type: integer }
              status: { type: string, enum: [rejected, conflict] }
              field: { type: string }
              reason: { type: string }
"""##
}
