import TenetModels

extension Simulator {
    /// After a solve: the customer may reopen it later (no survey yet); otherwise this was the
    /// final solve, and the surveys and the review are sent for the conversation's experience.
    mutating func afterSolve(_ slot: Int32, at t: Int64) {
        tally.solves += 1
        let conversation = conversations[Int(slot)]
        if !conversation.reopened, Distributions.chance(profile.flow.reopen, &feedbackRandom) {
            scheduleConversation(.reopen, slot, at: t + profile.flow.reopenDelay.sampleMilliseconds(&feedbackRandom, floor: 60_000))
            return
        }
        let experience = experience(of: conversation)
        conversations[Int(slot)].experience = UInt8(experience.index)
        for (kind, survey) in profile.surveys.all.enumerated() where Distributions.chance(survey.send, &feedbackRandom) {
            beginConversationEvent(Fragments.surveySent, slot, at: t, customer: true)
            writer.append(Fragments.surveys[kind])
            writer.end()
            tally.surveysSent[kind][experience.index] += 1
            if Distributions.chance(survey.response[experience.index], &feedbackRandom) {
                scheduleConversation(.surveyAnswer, slot, at: t + survey.delay.sampleMilliseconds(&feedbackRandom, floor: 1000), Int32(kind))
            }
        }
        if Distributions.chance(profile.qa.sample, &feedbackRandom) {
            scheduleConversation(.review, slot, at: t + profile.qa.delay.sampleMilliseconds(&feedbackRandom, floor: 1000))
        }
        conversations[Int(slot)].finished = true
    }

    /// The experience of a conversation at its final solve (``Experience``).
    func experience(of conversation: ConversationState) -> Experience {
        if conversation.reopened { return .reopened }
        let threshold = conversation.firstWaitLive ? profile.surveys.longWaitLive : profile.surveys.longWaitTickets
        if conversation.firstWait >= 0 && Double(conversation.firstWait) > threshold * 1000 { return .longWait }
        return .good
    }

    /// A survey answer, its score drawn for the conversation's experience.
    mutating func surveyAnswer(_ slot: Int32, kind: Int, at t: Int64) {
        let survey = profile.surveys.all[kind]
        let experience = Int(conversations[Int(slot)].experience)
        let shares = survey.scores[experience]
        var u = feedbackRandom.unit()
        var score = shares.count - 1
        for (index, share) in shares.enumerated() where share > 0 {
            score = index
            u -= share
            if u < 0 { break }
        }
        beginConversationEvent(Fragments.surveyAnswered, slot, at: t, customer: true)
        writer.append(Fragments.surveys[kind])
        writer.append(Fragments.score)
        writer.integer(Int64(score + survey.lowest))
        writer.end()
        tally.surveysAnswered[kind][experience] += 1
    }

    /// A quality review: each category normal around the experience's mean, clamped to
    /// 0…100, to one decimal; the score is their weighted mean.
    mutating func review(_ slot: Int32, at t: Int64) {
        let experience = Int(conversations[Int(slot)].experience)
        let qa = profile.qa
        var scores: [Double] = []
        scores.reserveCapacity(qa.categories.count)
        var weighted = 0.0, weights = 0.0
        for index in qa.categories.indices {
            let score = (Distributions.normal(mean: qa.mean[experience], sd: qa.sd[experience], in: 0...100, &feedbackRandom) * 10).rounded() / 10
            scores.append(score)
            weighted += score * qa.weights[index]
            weights += qa.weights[index]
        }
        beginConversationEvent(Fragments.qaScored, slot, at: t)
        writer.append(Fragments.score)
        writer.decimal(weights > 0 ? weighted / weights : 0, places: 1)
        writer.append(Fragments.categoriesStart)
        for index in qa.categories.indices {
            if index > 0 { writer.append([UInt8(ascii: ",")]) }
            writer.append(qaCategoryTexts[index])
            writer.decimal(scores[index], places: 1)
            writer.append(Fragments.weight)
            let weight = qa.weights[index]
            writer.decimal(weight, places: weight == weight.rounded() ? 0 : 2)
            writer.append([UInt8(ascii: "}")])
        }
        writer.append([UInt8(ascii: "]")])
        writer.append(Fragments.reviewer)
        writer.end()
        tally.reviews += 1
    }
}
