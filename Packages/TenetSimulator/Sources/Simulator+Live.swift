import TenetModels

extension Simulator {
    // MARK: Queues

    /// Puts a call or chat in its group's queue, with the customer's patience running.
    mutating func enqueueLive(_ slot: Int32, group: Int, at t: Int64) {
        let token = newToken(slot)
        conversations[Int(slot)].waiting = true
        conversations[Int(slot)].waitStart = t
        let conversation = conversations[Int(slot)]
        beginConversationEvent(Fragments.queued, slot, at: t, customer: true, agent: false)
        writer.end()
        tally.queued[Int(conversation.channel)] += 1
        let phone = Int(conversation.channel) == SimulatedChannel.phone.index
        var patience = (phone ? profile.phone.patience : profile.chat.patience).sample(&serviceRandom)
        if conversation.outage { patience *= profile.scenarios.outagePatience }
        scheduleConversation(.abandon, slot, at: t + max(1, Int64((patience * 1000).rounded())), Int32(bitPattern: token))
        groups[group].queue.append(QueueEntry(slot: slot, token: token))
        dispatch(group, at: t)
    }

    /// Matches waiting work with available agents.
    mutating func dispatch(_ group: Int, at t: Int64) {
        if groups[group].kind == .tickets { dispatchTickets(group, at: t) } else { dispatchLive(group, at: t) }
    }

    mutating func dispatchLive(_ group: Int, at t: Int64) {
        while let head = groups[group].queue.first {
            let conversation = conversations[Int(head.slot)]
            guard !conversation.free, conversation.waiting, conversation.token == head.token else {
                _ = groups[group].queue.popFirst()
                continue
            }
            guard let agent = takeIdleAgent(group) else { return }
            _ = groups[group].queue.popFirst()
            answer(head.slot, agent: agent, at: t)
        }
    }

    /// The longest-idle agent of `group` with room for one more contact.
    mutating func takeIdleAgent(_ group: Int) -> Int? {
        while let index = groups[group].idle.popFirst() {
            agents[Int(index)].queuedSlots -= 1
            let agent = agents[Int(index)]
            if agent.available && agent.busy < agent.concurrency { return Int(index) }
        }
        return nil
    }

    /// Offers an agent's free room to its group, if the agent is on shift and present.
    mutating func makeAvailable(_ index: Int, at t: Int64) {
        let agent = agents[index]
        guard agent.available else { return }
        let room = agent.concurrency - agent.busy - agent.queuedSlots
        if room > 0 {
            for _ in 0..<room { groups[agent.group].idle.append(Int32(index)) }
            agents[index].queuedSlots += room
        }
        dispatch(agent.group, at: t)
    }

    mutating func agentOn(_ index: Int) {
        agents[index].shifts += 1
        makeAvailable(index, at: stepTime)
    }

    mutating func agentOff(_ index: Int) {
        agents[index].shifts -= 1
    }

    // MARK: Calls and chats

    /// An agent answers a queued call or chat.
    mutating func answer(_ slot: Int32, agent: Int, at t: Int64) {
        _ = newToken(slot)
        conversations[Int(slot)].waiting = false
        conversations[Int(slot)].agent = Int32(agent)
        agents[agent].busy += 1
        if conversations[Int(slot)].firstWait < 0 {
            conversations[Int(slot)].firstWait = t - conversations[Int(slot)].waitStart
            conversations[Int(slot)].firstWaitLive = true
        }
        let channel = Int(conversations[Int(slot)].channel)
        beginConversationEvent(Fragments.answered, slot, at: t)
        writer.end()
        tally.answered[channel] += 1
        message(slot, at: t, Fragments.authorAgent)
        tally.agentReplies += 1
        let phone = channel == SimulatedChannel.phone.index
        var talk = (phone ? profile.phone.talk : profile.chat.talk).sampleMilliseconds(&serviceRandom, floor: 1)
        if conversations[Int(slot)].outage { talk = Int64(Double(talk) * profile.scenarios.outageHandling) }
        conversations[Int(slot)].talkStart = t
        conversations[Int(slot)].talkLength = talk
        if phone {
            if Distributions.chance(profile.phone.holdShare, &serviceRandom) {
                let hold = min(profile.phone.hold.sampleMilliseconds(&serviceRandom, floor: 1), talk / 2)
                if hold >= 1000 {
                    let start = t + Int64(Double(talk - hold) * (0.25 + 0.5 * serviceRandom.unit()))
                    scheduleConversation(.holdStart, slot, at: start, Int32(clamping: hold))
                }
            }
        } else {
            // 1 + geometric exchanges with the profile's mean: customer, agent, customer, …
            let p = 1 / (1 + profile.chat.exchanges)
            var pairs = 0
            while pairs < 100 && !Distributions.chance(p, &serviceRandom) { pairs += 1 }
            conversations[Int(slot)].messagesLeft = Int16(2 * pairs)
            conversations[Int(slot)].messagesTotal = Int16(2 * pairs)
            conversations[Int(slot)].agentSpeaksNext = false
            if pairs > 0 { scheduleConversation(.chatMessage, slot, at: t + max(1, talk / Int64(2 * pairs + 1))) }
        }
        scheduleConversation(.talkEnd, slot, at: t + talk, Int32(agent))
    }

    /// The next message of a chat's exchange: message k of n sits at k / (n + 1) of the talk.
    mutating func chatMessage(_ slot: Int32, at t: Int64) {
        let conversation = conversations[Int(slot)]
        guard conversation.messagesLeft > 0 else { return }
        if conversation.agentSpeaksNext {
            message(slot, at: t, Fragments.authorAgent)
            tally.agentReplies += 1
        } else {
            message(slot, at: t, Fragments.authorCustomer, customer: true)
        }
        conversations[Int(slot)].agentSpeaksNext.toggle()
        conversations[Int(slot)].messagesLeft -= 1
        let left = Int64(conversation.messagesLeft) - 1
        if left > 0 {
            let total = Int64(conversation.messagesTotal)
            let next = total - left + 1
            scheduleConversation(.chatMessage, slot, at: max(t + 1, conversation.talkStart + conversation.talkLength * next / (total + 1)))
        }
    }

    mutating func holdStart(_ slot: Int32, length: Int64, at t: Int64) {
        beginConversationEvent(Fragments.holdStarted, slot, at: t)
        writer.end()
        scheduleConversation(.holdEnd, slot, at: t + length)
    }

    mutating func holdEnd(_ slot: Int32, at t: Int64) {
        beginConversationEvent(Fragments.holdEnded, slot, at: t)
        writer.end()
    }

    /// The talk ends: wrap-up starts, and the conversation is transferred, escalated or solved.
    mutating func talkEnd(_ slot: Int32, agent: Int, at t: Int64) {
        beginConversationEvent(Fragments.ended, slot, at: t)
        writer.end()
        let channel = Int(conversations[Int(slot)].channel)
        let wrapup = (channel == SimulatedChannel.phone.index ? profile.phone.wrapup : profile.chat.wrapup).sampleMilliseconds(&serviceRandom)
        scheduleConversation(.wrapupEnd, slot, at: t + wrapup, Int32(agent))
        let conversation = conversations[Int(slot)]
        let live = SimulatedChannel.allCases[channel].liveGroup!
        if !conversation.transferred, Distributions.chance(profile.flow.transfer, &serviceRandom),
            let target = otherTeam(than: Int(conversation.team), with: live)
        {
            conversations[Int(slot)].transferred = true
            scheduleConversation(.requeue, slot, at: t + 1000, Int32(target))
        } else if !conversation.escalated, Distributions.chance(profile.flow.escalation[Int(conversation.priority)], &serviceRandom) {
            escalate(slot, at: t)
        } else {
            status(slot, at: t, Fragments.solvedFromOpen, to: .solved)
            afterSolve(slot, at: t)
        }
    }

    /// A transferred call or chat joins the other team's queue (a chat: its backlog when that
    /// team's chat line is closed).
    mutating func requeue(_ slot: Int32, team: Int, at t: Int64) {
        transfer(slot, to: team, at: t)
        let channel = SimulatedChannel.allCases[Int(conversations[Int(slot)].channel)]
        let group = teams[team].groups[channel.liveGroup!.index]
        // A caller stays on the line; a chat waits in the backlog while the chat line is closed.
        if channel == .phone || groups[group].calendar.isOpen(at: Timestamp(nanosecondsSinceEpoch: t * 1_000_000)) || ticketGroup(of: team) < 0 {
            enqueueLive(slot, group: group, at: t)
        } else {
            enqueueBacklog(slot, at: t)
        }
    }

    /// `conversation.transferred` to `team`, from the current team and agent.
    mutating func transfer(_ slot: Int32, to team: Int, at t: Int64) {
        let conversation = conversations[Int(slot)]
        writer.begin(Fragments.transferred, at: t)
        writer.conversation(conversation.number)
        writer.append(channelFragments[Int(conversation.channel)])
        writer.append(teams[team].fragment)
        writer.append(teams[Int(conversation.team)].fromFragment)
        if conversation.agent >= 0 { writer.append(agents[Int(conversation.agent)].fromFragment) }
        writer.end()
        tally.transfers += 1
        conversations[Int(slot)].team = UInt8(team)
        conversations[Int(slot)].agent = -1
    }

    /// The agent finishes the after-contact work and takes the next contact.
    mutating func wrapupEnd(_ slot: Int32, agent: Int, at t: Int64) {
        let conversation = conversations[Int(slot)]
        writer.begin(Fragments.wrapupEnded, at: t)
        writer.conversation(conversation.number)
        writer.append(channelFragments[Int(conversation.channel)])
        writer.append(teams[agents[agent].team].fragment)
        writer.append(agents[agent].fragment)
        writer.end()
        agents[agent].busy -= 1
        makeAvailable(agent, at: t)
    }

    /// A customer leaves the queue before anyone answered: the contact is abandoned and the
    /// conversation closed.
    mutating func abandon(_ slot: Int32, token: UInt32, at t: Int64) {
        let conversation = conversations[Int(slot)]
        guard conversation.waiting, conversation.token == token else { return }
        conversations[Int(slot)].waiting = false
        _ = newToken(slot)
        beginConversationEvent(Fragments.abandoned, slot, at: t, customer: true, agent: false)
        writer.end()
        tally.abandoned[Int(conversation.channel)] += 1
        status(slot, at: t, Fragments.closedFromOpen, to: .closed)
        conversations[Int(slot)].finished = true
    }

    // MARK: The bot

    mutating func botReply(_ slot: Int32, at t: Int64) {
        message(slot, at: t, Fragments.authorBot, agent: false)
        let duration = profile.chat.botDuration.sampleMilliseconds(&serviceRandom, floor: 1000)
        scheduleConversation(.botDone, slot, at: t + duration)
    }

    /// The bot hands the chat to the team (the queue, or the backlog while the chat line is
    /// closed), or solves it.
    mutating func botDone(_ slot: Int32, at t: Int64) {
        let handoff = Distributions.chance(profile.chat.botHandoff, &serviceRandom)
        guard handoff || conversations[Int(slot)].outage else {
            message(slot, at: t, Fragments.authorBot, agent: false)
            status(slot, at: t, Fragments.solvedFromOpen, to: .solved)
            afterSolve(slot, at: t)
            return
        }
        tally.botHandoffs += 1
        beginConversationEvent(Fragments.assigned, slot, at: t, agent: false)
        writer.end()
        let team = Int(conversations[Int(slot)].team)
        let group = teams[team].groups[AgentGroup.chat.index]
        conversations[Int(slot)].waitStart = t
        if group >= 0 && (groups[group].calendar.isOpen(at: Timestamp(nanosecondsSinceEpoch: t * 1_000_000)) || ticketGroup(of: team) < 0) {
            enqueueLive(slot, group: group, at: t)
        } else {
            tally.offline[SimulatedChannel.chat.index] += 1
            enqueueBacklog(slot, at: t)
        }
    }

    // MARK: Teams

    /// Another team with agents of `group`, drawn uniformly.
    mutating func otherTeam(than team: Int, with group: AgentGroup) -> Int? {
        let candidates = teams.indices.filter { $0 != team && teams[$0].groups[group.index] >= 0 }
        guard !candidates.isEmpty else { return nil }
        return candidates[Distributions.index(below: candidates.count, &serviceRandom)]
    }

    /// The ticket group that works `team`'s backlog: its own, else the first team's that has one;
    /// −1 when no team has ticket agents.
    func ticketGroup(of team: Int) -> Int {
        let own = teams[team].groups[AgentGroup.tickets.index]
        if own >= 0 { return own }
        return teams.first { $0.groups[AgentGroup.tickets.index] >= 0 }?.groups[AgentGroup.tickets.index] ?? -1
    }
}
