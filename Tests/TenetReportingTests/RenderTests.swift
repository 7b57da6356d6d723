import Foundation
import Testing
import TenetReporting

/// Every format's exact output for the fixture (CSV line ends are CRLF).
@Suite struct RenderTests {
    static let markdown = """
        # Scorecard: Acme Help (week from 2026-11-23T00:00:00Z to 2026-11-30T00:00:00Z)

        Figures at 2026-11-25T12:00:00Z, last event seq 42.

        **Purpose:** Strengthen human connection.

        **Vision:** We create happiness.

        ## Values

        ### Speed

        > Treat every customer with urgency.

        | Key metric | Stat | Period | Target | Actual | N | Previous | Change | Status |
        |---|---|---|---|---|---|---|---|---|
        | first_response_time | p90 | week | <= 1h | 45m 00s | 4 | 50m 00s | -5m 00s (better) | met |

        ### Quality

        > Get it right the first time.

        | Key metric | Stat | Period | Target | Actual | N | Previous | Change | Status |
        |---|---|---|---|---|---|---|---|---|
        | first_contact_resolution | rate | week | >= 70% | 75.0% | 4 | 80.0% | -5.0 pt (worse) | met |

        ## Teams

        ### Customer Support (support)

        | Key metric | Stat | Period | Target | Actual | N | Previous | Change | Status |
        |---|---|---|---|---|---|---|---|---|
        | csat | rate | week | >= 90% | 66.7% | 3 | - | - | missed |

        ## Volume

        - conversations_opened (week): 5

        ## SLA attainment

        | Policy | Clock | Met | Applied | Attainment | Breached | Near breaches |
        |---|---|---|---|---|---|---|
        | urgent | first_response | 3 | 4 | 75.0% | 1 | 1 |

        ### Breaches in the period

        | At | Conversation | Policy | Clock | Target | Elapsed |
        |---|---|---|---|---|---|
        | 2026-11-24T10:15:00.123456789Z | c3 | urgent | first_response | 15m 00s | 15m 00s |

        ## Alerts of the period

        | At | Rule | Severity | From | To | Labels | Figure |
        |---|---|---|---|---|---|---|
        | 2026-11-24T09:00:00Z | frt_slow | warning | pending | firing | team=support | 1h 05m |

        ## Staffing

        Agents needed per 60-minute slot (UTC) for a service level of 80/20, from the observed contacts and handle times (Erlang C).

        | Slot | Contacts | Days | Contacts/day | AHT | Agents | Service level |
        |---|---|---|---|---|---|---|
        | mon 09:00 | 20 | 2 | 10.0 | 5m 00s | 3 | 95.0% |

        """

    static let scorecardCSV = """
        owner_kind,owner,series,metric,filter,group,stat,hours,period,from,to,target,actual,actual_text,unit,currency,sample_size,numerator,denominator,status,previous,previous_sample_size,change,direction
        value,Speed,value:Speed:0,first_response_time,,,p90,calendar,week,2026-11-23T00:00:00Z,2026-11-30T00:00:00Z,<= 1h,2700,45m 00s,seconds,,4,,,met,3000,3,-300,better
        value,Quality,value:Quality:0,first_contact_resolution,,,rate,calendar,week,2026-11-23T00:00:00Z,2026-11-30T00:00:00Z,>= 70%,75,75.0%,percent,,4,3,4,met,80,5,-5,worse
        team,support,team:support:0,csat,,,rate,calendar,week,2026-11-23T00:00:00Z,2026-11-30T00:00:00Z,>= 90%,66.66666666666667,66.7%,percent,,3,2,3,missed,,,,

        """

    static let conversationsCSV = """
        conversation,measurement,at,channel,team,first_response_time,first_response_time_business,first_contact_resolution,csat
        c1,1,2026-11-23T09:00:00Z,email,support,600,300,1,1
        c1,2,2026-11-25T08:00:00Z,email,support,,,,0
        c2,1,2026-11-23T10:00:00Z,email,support,1200,1200,1,
        c3,1,2026-11-24T10:00:00Z,email,support,2000,2000,0,
        c4,1,2026-11-24T11:00:00Z,email,support,3000,1500,1,
        c5,1,2026-11-25T09:00:00Z,chat,support,,,,1

        """

    static let smallJSON = """
        {
          "alerts" : {
            "available" : true,
            "transitions" : [
              {
                "at" : "2026-11-24T09:00:00Z",
                "from" : "pending",
                "labels" : "team=support",
                "rule" : "frt_slow",
                "severity" : "warning",
                "to" : "firing",
                "value_text" : "1h 05m"
              }
            ]
          },
          "from" : "2026-11-23T00:00:00Z",
          "generated_at" : "2026-11-25T12:00:00Z",
          "last_seq" : 42,
          "organisation" : "Acme Help",
          "others" : [

          ],
          "period" : "week",
          "purpose" : "Strengthen human connection.",
          "rows" : [

          ],
          "sla" : {
            "attainment" : [
              {
                "applied" : 4,
                "breached" : 1,
                "clock" : "first_response",
                "met" : 3,
                "near_breaches" : 1,
                "percent" : 75,
                "percent_text" : "75.0%",
                "policy" : "urgent"
              }
            ],
            "available" : true,
            "breaches" : [
              {
                "at" : "2026-11-24T10:15:00.123456789Z",
                "clock" : "first_response",
                "conversation" : "c3",
                "elapsed_text" : "15m 00s",
                "policy" : "urgent",
                "target_text" : "15m 00s"
              }
            ]
          },
          "staffing" : {
            "available" : false,
            "interval_minutes" : 0,
            "note" : "no staffing observations",
            "slots" : [

            ],
            "target" : "80/20",
            "zone" : "UTC"
          },
          "teams" : [
            {
              "id" : "support",
              "metrics" : [

              ],
              "name" : "Customer Support"
            }
          ],
          "to" : "2026-11-30T00:00:00Z",
          "values" : [
            {
              "action" : "Treat every customer with urgency.",
              "metrics" : [
                {
                  "actual" : 2700,
                  "actual_text" : "45m 00s",
                  "filter" : "",
                  "from" : "2026-11-23T00:00:00Z",
                  "group" : "",
                  "history" : [
                    {
                      "from" : "2026-11-16T00:00:00Z",
                      "label" : "2026-11-16",
                      "sample_size" : 3,
                      "value" : 3000
                    },
                    {
                      "from" : "2026-11-23T00:00:00Z",
                      "label" : "2026-11-23",
                      "sample_size" : 4,
                      "value" : 2700
                    }
                  ],
                  "hours" : "calendar",
                  "metric" : "first_response_time",
                  "period" : "week",
                  "sample_size" : 4,
                  "series" : "value:Speed:0",
                  "stat" : "p90",
                  "status" : "met",
                  "target" : "<= 1h",
                  "to" : "2026-11-30T00:00:00Z",
                  "trend" : {
                    "change" : -300,
                    "change_text" : "-5m 00s",
                    "direction" : "better",
                    "from" : "2026-11-16T00:00:00Z",
                    "previous" : 3000,
                    "previous_sample_size" : 3,
                    "previous_text" : "50m 00s",
                    "to" : "2026-11-23T00:00:00Z"
                  },
                  "unit" : "seconds"
                }
              ],
              "name" : "Speed"
            },
            {
              "action" : "Get it right the first time.",
              "metrics" : [

              ],
              "name" : "Quality"
            }
          ],
          "vision" : "We create happiness."
        }

        """

    @Test func markdown() throws {
        #expect(MarkdownReport(try ReportFixture.model).render() == Self.markdown)
    }

    @Test func scorecardCSV() throws {
        #expect(CSVReport(try ReportFixture.model).scorecard() == Self.scorecardCSV.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func conversationsCSV() throws {
        #expect(CSVReport(try ReportFixture.model).conversations() == Self.conversationsCSV.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func json() throws {
        #expect(JSONReport(try ReportFixture.smallModel).render() == Self.smallJSON)
    }

    @Test func jsonReadsBackToTheModel() throws {
        let model = try ReportFixture.model
        let text = JSONReport(model).render()
        #expect(try JSONReport.decoder().decode(ReportModel.self, from: Data(text.utf8)) == model)
    }

    @Test func csvFieldsAreQuotedWhenTheyMustBe() throws {
        var model = try ReportFixture.model
        model.values[0].name = "Speed, \"now\""
        let line = CSVReport(model).scorecard().split(separator: "\r\n")[1]
        #expect(line.hasPrefix("value,\"Speed, \"\"now\"\"\",value:Speed:0,"))
    }

    @Test func dimensionNamesAreWrittenAsTheyAre() throws {
        var model = try ReportFixture.model
        model.rows[0].rows[0].dimensions = ["attributes.customerTier": "gold"]
        #expect(JSONReport(model).render().contains("\"attributes.customerTier\" : \"gold\""))
    }
}
