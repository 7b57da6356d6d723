import TenetModels

extension Simulator {
    /// Puts a conversation in its team's backlog (or the first team's that has ticket agents);
    /// a conversation nobody can work is solved at once by its last agent.
    mutating func enqueueBacklog(_ slot: Int32, at t: Int64) {
        let conversation = conversations[Int(slot)]
        let group = ticketGroup(of: Int(conversation.team))
        guard group >= 0 else {
            message(slot, at: t, Fragments.authorAgent)
            status(slot, at: t, Fragments.solvedFromOpen, to: .solved)
            afterSolve(slot, at: t)
            return
        }
        let token = newToken(slot)
        let channel = SimulatedChannel.allCases[Int(conversation.channel)]
        let lane = profile.tickets.expedite.contains(channel) ? 0 : Int(conversation.priority)
        groups[group].lanes[lane].append(QueueEntry(slot: slot, token: token))
        dispatch(group, at: t)
    }

    mutating func dispatchTickets(_ group: Int, at t: Int64) {
        while true {
            var found: QueueEntry?
            var lane = 0
            lanes: while lane < 4 {
                while let head = groups[group].lanes[lane].first {
                    let conversation = conversations[Int(head.slot)]
                    if !conversation.free && conversation.token == head.token {
                        found = head
                        break lanes
                    }
                    _ = groups[group].lanes[lane].popFirst()
                }
                lane += 1
            }
            guard let entry = found, let agent = takeIdleAgent(group) else { return }
            _ = groups[group].lanes[lane].popFirst()
            startWork(entry.slot, agent: agent, at: t)
        }
    }

    /// An agent takes a ticket: assigned to them, worked for a while.
    mutating func startWork(_ slot: Int32, agent: Int, at t: Int64) {
        _ = newToken(slot)
        agents[agent].busy += 1
        if conversations[Int(slot)].agent != Int32(agent) {
            conversations[Int(slot)].agent = Int32(agent)
            beginConversationEvent(Fragments.assigned, slot, at: t)
            writer.end()
        }
        var work = profile.tickets.work.sampleMilliseconds(&serviceRandom, floor: 1000)
        let conversation = conversations[Int(slot)]
        if conversation.outage { work = Int64(Double(work) * profile.scenarios.outageHandling) }
        if !conversation.transferred && !conversation.resumed && Distributions.chance(profile.flow.transfer, &serviceRandom)
            && otherTeamExists(than: Int(conversation.team), with: .tickets)
        {
            conversations[Int(slot)].transferring = true
            work = max(1000, work / 3)
        }
        scheduleConversation(.workDone, slot, at: t + work, Int32(agent))
    }

    func otherTeamExists(than team: Int, with group: AgentGroup) -> Bool {
        teams.indices.contains { $0 != team && teams[$0].groups[group.index] >= 0 }
    }

    /// The agent's work on a ticket ends: a transfer, or a reply (after a private note now and
    /// then) followed by an escalation, a wait on the customer, or a solve.
    mutating func workDone(_ slot: Int32, agent: Int, at t: Int64) {
        agents[agent].busy -= 1
        defer { makeAvailable(agent, at: t) }
        let conversation = conversations[Int(slot)]
        if conversation.transferring {
            conversations[Int(slot)].transferring = false
            conversations[Int(slot)].transferred = true
            let target = otherTeam(than: Int(conversation.team), with: .tickets) ?? Int(conversation.team)
            transfer(slot, to: target, at: t)
            enqueueBacklog(slot, at: t)
            return
        }
        if Distributions.chance(profile.tickets.privateNotes, &serviceRandom) { message(slot, at: t, Fragments.privateNote) }
        message(slot, at: t, Fragments.authorAgent)
        tally.agentReplies += 1
        if conversation.firstWait < 0 {
            conversations[Int(slot)].firstWait = t - conversation.waitStart
            conversations[Int(slot)].firstWaitLive = false
        }
        conversations[Int(slot)].resumed = false
        if !conversation.escalated, Distributions.chance(profile.flow.escalation[Int(conversation.priority)], &serviceRandom) {
            escalate(slot, at: t)
        } else if Distributions.chance(profile.tickets.pending, &serviceRandom) {
            status(slot, at: t, Fragments.pending, to: .pending)
            let token = Int32(bitPattern: newToken(slot))
            scheduleConversation(.pendingTimeout, slot, at: t + Int64(profile.tickets.pendingTimeout * 1000), token)
            if Distributions.chance(profile.tickets.customerReplyShare, &serviceRandom) {
                scheduleConversation(.customerReply, slot, at: t + profile.tickets.customerReplyDelay.sampleMilliseconds(&serviceRandom, floor: 1000), token)
            }
        } else {
            status(slot, at: t, Fragments.solvedFromOpen, to: .solved)
            afterSolve(slot, at: t)
        }
    }

    /// Escalation: the conversation waits (pending) until the escalation is dealt with.
    mutating func escalate(_ slot: Int32, at t: Int64) {
        conversations[Int(slot)].escalated = true
        tally.escalations += 1
        beginConversationEvent(Fragments.escalated, slot, at: t)
        writer.append(priorityFragments[Int(conversations[Int(slot)].priority)])
        writer.end()
        status(slot, at: t, Fragments.pending, to: .pending)
        _ = newToken(slot)
        scheduleConversation(.escalationDone, slot, at: t + profile.flow.escalationDelay.sampleMilliseconds(&serviceRandom, floor: 1000))
    }

    /// The escalation is dealt with: the conversation is open again and worked from the backlog.
    mutating func escalationDone(_ slot: Int32, at t: Int64) {
        status(slot, at: t, Fragments.openFromPending, to: .open)
        conversations[Int(slot)].resumed = true
        enqueueBacklog(slot, at: t)
    }

    /// The customer answers a pending ticket: it is open again and waits for the next reply.
    mutating func customerReply(_ slot: Int32, token: UInt32, at t: Int64) {
        let conversation = conversations[Int(slot)]
        guard conversation.token == token, conversation.status == .pending else { return }
        message(slot, at: t, Fragments.authorCustomer, customer: true)
        status(slot, at: t, Fragments.openFromPending, to: .open)
        enqueueBacklog(slot, at: t)
    }

    /// Nobody answered a pending ticket in time: it is solved.
    mutating func pendingTimeout(_ slot: Int32, token: UInt32, at t: Int64) {
        let conversation = conversations[Int(slot)]
        guard conversation.token == token, conversation.status == .pending else { return }
        _ = newToken(slot)
        status(slot, at: t, Fragments.solvedFromPending, to: .solved)
        afterSolve(slot, at: t)
    }

    /// The customer writes again after the solve: reopened, and worked from the backlog.
    mutating func reopen(_ slot: Int32, at t: Int64) {
        conversations[Int(slot)].reopened = true
        tally.reopens += 1
        message(slot, at: t, Fragments.authorCustomer, customer: true)
        status(slot, at: t, Fragments.reopened, to: .open)
        enqueueBacklog(slot, at: t)
    }
}
