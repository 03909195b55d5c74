import Foundation

public enum ContentKind: String, Sendable, CaseIterable {
    case activity, partner, actionPlan = "action-plan", page

    var section: ContentFolder.Section {
        switch self {
        case .activity: .activities
        case .partner: .partners
        case .actionPlan: .actionPlans
        case .page: .pages
        }
    }
}

/// `sitegen new`: a content file that builds as it is, with a valid id, front matter filled in and a body to complete.
public struct ContentScaffold {
    public let folder: ContentFolder
    let today: PartialDate

    public init(contentFolder: String, today: PartialDate = .today, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.folder = ContentFolder(path: contentFolder, workingDirectory: workingDirectory)
        self.today = today
    }

    /// Writes the file and returns its path as shown to the user. Never overwrites.
    public func create(_ kind: ContentKind, title: String) throws(BuildError) -> String {
        let title = title.trimmingWhitespace
        guard !title.isEmpty else { throw BuildError(Diagnostic(path: folder.display(folder.root), message: "the title is empty")) }
        let directory = folder.folder(kind.section)
        var id = identifier(kind, title: title)
        // An id made from the date and kind is ours to number; one made from the title is the editor's to change.
        if !identifierComesFromTitle(title) {
            let base = id
            var number = 2
            while FileManager.default.fileExists(atPath: directory + "/" + id + ".md") {
                id = "\(base)-\(number)"
                number += 1
            }
        }
        let path = directory + "/" + id + ".md"
        let shown = folder.display(path)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BuildError(Diagnostic(path: folder.display(directory), message: "cannot create folder: \(error.localizedDescription)"))
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists; choose another title or edit that file" : String(cString: strerror(errno))
            throw BuildError(Diagnostic(path: shown, message: reason))
        }
        defer { close(descriptor) }
        let text = Array(template(kind, title: title).utf8)
        guard Glibc.write(descriptor, text, text.count) == text.count else {
            throw BuildError(Diagnostic(path: shown, message: "cannot write file"))
        }
        return shown
    }

    func identifierComesFromTitle(_ title: String) -> Bool {
        Slug.make(title).contains { $0.isLetter }
    }

    /// The id from the title; a title without Latin letters gets one from the date and kind.
    func identifier(_ kind: ContentKind, title: String) -> String {
        let slug = Slug.make(title)
        let hasLatinLetters = identifierComesFromTitle(title)
        switch kind {
        case .activity:
            return hasLatinLetters ? "\(today.text)-\(slug)" : "\(today.text)-\(kind.rawValue)"
        default:
            return hasLatinLetters ? slug : "\(kind.rawValue)-\(today.text)"
        }
    }

    func template(_ kind: ContentKind, title: String) -> String {
        let quoted = Escape.jsonString(title)  // a JSON string is a valid double-quoted YAML scalar
        switch kind {
        case .activity:
            return """
            ---
            title: \(quoted)
            date: \(today.text)
            type: meeting
            organizer: Ministry of Defense
            partners: []
            location:
            summary:
            ---
            What happened, who took part and why it matters for Women, Peace and Security.

            """
        case .partner:
            return """
            ---
            name: \(quoted)
            kind: organization
            region:
            ---
            Who this partner is and how it works with Japan on Women, Peace and Security.
            (For a country, set `kind: country` and add its two-letter `iso:` code.)

            """
        case .actionPlan:
            return """
            ---
            title: \(quoted)
            edition: \(nextEdition())
            adopted: \(today.text)
            ---
            What this edition of the National Action Plan sets out, and the period it covers.

            """
        case .page:
            return """
            ---
            title: \(quoted)
            summary:
            ---
            The text of the page.

            """
        }
    }

    /// One more than the highest edition already written.
    func nextEdition() -> Int {
        let directory = folder.folder(.actionPlans)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var highest = 0
        for name in names where name.hasSuffix(".md") {
            // Read as a build reads it: a file over the limit (which the build refuses) is skipped unread.
            guard case .success(let file) = BoundedFile.read(directory + "/" + name, limit: SourceText.maximumBytes),
                  !file.isOverLimit else { continue }
            let text = String(decoding: file.bytes, as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix("edition:") {
                if let value = Int(line.dropFirst("edition:".count).trimmingWhitespace) { highest = max(highest, value) }
            }
        }
        return highest + 1
    }
}

extension PartialDate {
    /// Today in UTC.
    public static var today: PartialDate {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return PartialDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }
}
