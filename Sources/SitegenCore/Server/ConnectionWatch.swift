import NIOCore

/// One connection of the development server: whether it waits for a request, is reading one or
/// is answering, and the timer that closes it when it waits or reads too long. Lives on the
/// connection's event loop; `RawTrafficWatcher` and `HTTPPartWatcher` tell it what happens.
final class ConnectionWatch {
    enum Phase { case waiting, reading, answering }

    private let channel: any Channel
    private let limits: ConnectionLimits
    private let registry: ConnectionRegistry
    private(set) var phase = Phase.waiting
    /// Requests whose head was read and whose response has not ended (pipelined ones queue).
    private var unanswered = 0
    private var isOpen = false
    private var timer: Scheduled<Void>?

    init(channel: any Channel, limits: ConnectionLimits, registry: ConnectionRegistry) {
        self.channel = channel
        self.limits = limits
        self.registry = registry
    }

    private var id: ObjectIdentifier { ObjectIdentifier(self) }

    func opened() {
        guard !isOpen else { return }
        isOpen = true
        registry.admit(id, channel: channel)
        enter(.waiting)
    }

    /// Bytes came in: the start of a request, if none is being read or answered.
    func bytesArrived() {
        if phase == .waiting { enter(.reading) }
    }

    func headReceived() {
        unanswered += 1
        if phase != .answering { enter(.answering) }
    }

    func responseEnded() {
        unanswered = max(0, unanswered - 1)
        if unanswered == 0 { enter(.waiting) }
    }

    func closed() {
        timer?.cancel()
        timer = nil
        if isOpen { registry.remove(id) }
        isOpen = false
    }

    private func enter(_ next: Phase) {
        phase = next
        timer?.cancel()
        timer = nil
        guard isOpen else { return }
        registry.update(id, answering: next == .answering)
        let timeout: TimeAmount? = switch next {
        case .waiting: limits.idleTimeout
        case .reading: limits.headerTimeout
        case .answering: nil  // an event stream answers for as long as the tab is open
        }
        guard let timeout else { return }
        timer = channel.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
            self?.channel.close(promise: nil)
        }
    }
}
