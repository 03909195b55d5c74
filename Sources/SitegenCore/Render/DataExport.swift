/// The open-data files: activities as JSON and CSV, partners and action plans as JSON.
struct DataExport {
    let content: SiteContent

    /// Rows come from each activity's fragments, built in parallel and cached between builds.
    func activitiesJSON(rows: [[UInt8]]) -> [UInt8] {
        rows.isEmpty ? Array("[\n]\n".utf8) : Self.joined(rows, prefix: "[\n", separator: ",\n", suffix: "\n]\n")
    }

    /// The rows between `prefix` and `suffix` in one buffer of the right size: joined as strings
    /// and then added to, a large file's text was copied two or three times.
    static func joined(_ rows: [[UInt8]], prefix: String, separator: String, suffix: String) -> [UInt8] {
        var size = prefix.utf8.count + suffix.utf8.count + max(0, rows.count - 1) * separator.utf8.count
        for row in rows { size += row.count }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        out += prefix.utf8
        for (index, row) in rows.enumerated() {
            if index > 0 { out += separator.utf8 }
            out += row
        }
        out += suffix.utf8
        return out
    }

    /// Rows are built as bytes, and kept so: building them from string pieces was most of the
    /// time of this stage.
    func jsonRow(_ activity: Activity) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(contentsOf: "  {\"id\": ".utf8)
        Escape.appendJSON(activity.id, to: &out)
        out.append(contentsOf: ", \"title\": ".utf8)
        Escape.appendJSON(activity.title, to: &out)
        out.append(contentsOf: ", \"date\": \"".utf8)
        activity.date.append(to: &out)
        out.append(contentsOf: "\", \"end_date\": ".utf8)
        if let endDate = activity.endDate {
            out.append(0x22)
            endDate.append(to: &out)
            out.append(0x22)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: ", \"type\": ".utf8)
        Escape.appendJSON(activity.type, to: &out)
        out.append(contentsOf: ", \"organizer\": ".utf8)
        Escape.appendJSON(activity.organizer, to: &out)
        out.append(contentsOf: ", \"partners\": [".utf8)
        for (index, partner) in activity.partnerIDs.enumerated() {
            if index > 0 { out.append(contentsOf: ", ".utf8) }
            Escape.appendJSON(partner, to: &out)
        }
        out.append(contentsOf: "], \"location\": ".utf8)
        Escape.appendJSON(activity.location, to: &out)
        out.append(contentsOf: ", \"source\": ".utf8)
        Escape.appendJSON(activity.source, to: &out)
        out.append(contentsOf: ", \"url\": ".utf8)
        appendAbsoluteURL(of: activity, to: &out, escaped: true)
        out.append(UInt8(ascii: "}"))
        return out
    }

    func activitiesCSV(rows: [[UInt8]]) -> [UInt8] {
        Self.joined(rows, prefix: "id,title,date,end_date,type,organizer,partners,location,source,url\r\n", separator: "", suffix: "")
    }

    func csvRow(_ activity: Activity) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(384)
        Escape.appendCSV(activity.id, to: &out)
        out.append(UInt8(ascii: ","))
        Escape.appendCSV(activity.title, to: &out)
        out.append(UInt8(ascii: ","))
        activity.date.append(to: &out)
        out.append(UInt8(ascii: ","))
        activity.endDate?.append(to: &out)
        out.append(UInt8(ascii: ","))
        Escape.appendCSV(activity.type, to: &out)
        out.append(UInt8(ascii: ","))
        Escape.appendCSV(activity.organizer, to: &out)
        out.append(UInt8(ascii: ","))
        Escape.appendCSV(activity.partnerIDs.joined(separator: ";"), to: &out)
        out.append(UInt8(ascii: ","))
        Escape.appendCSV(activity.location, to: &out)
        out.append(UInt8(ascii: ","))
        Escape.appendCSV(activity.source, to: &out)
        out.append(UInt8(ascii: ","))
        appendAbsoluteURL(of: activity, to: &out, escaped: false)
        out.append(contentsOf: "\r\n".utf8)
        return out
    }

    /// `settings.absoluteURL(activity.sitePath)`, as a JSON string or a CSV cell.
    private func appendAbsoluteURL(of activity: Activity, to out: inout [UInt8], escaped: Bool) {
        let url = content.settings.absoluteURL(activity.sitePath)
        if escaped { Escape.appendJSON(url, to: &out) } else { Escape.appendCSV(url, to: &out) }
    }

    func partnersJSON() -> String {
        let rows = content.partners.map { partner in
            "  {\"id\": \(Escape.jsonString(partner.id)), \"name\": \(Escape.jsonString(partner.name))"
                + ", \"kind\": \(Escape.jsonString(partner.kind.rawValue)), \"iso\": \(Escape.json(partner.iso))"
                + ", \"region\": \(Escape.json(partner.region))"
                + ", \"activity_count\": \(content.activityIndexesByPartner[partner.id]?.count ?? 0)"
                + ", \"url\": \(Escape.jsonString(content.settings.absoluteURL(partner.sitePath)))}"
        }
        return "[\n" + rows.joined(separator: ",\n") + (rows.isEmpty ? "" : "\n") + "]\n"
    }

    func actionPlansJSON() -> String {
        let rows = content.actionPlans.map { plan in
            "  {\"id\": \(Escape.jsonString(plan.id)), \"title\": \(Escape.jsonString(plan.title))"
                + ", \"edition\": \(plan.edition), \"adopted\": \(Escape.jsonString(plan.adopted.text))"
                + ", \"period_start\": \(Escape.json(plan.periodStart?.text)), \"period_end\": \(Escape.json(plan.periodEnd?.text))"
                + ", \"url\": \(Escape.jsonString(content.settings.absoluteURL(plan.sitePath)))}"
        }
        return "[\n" + rows.joined(separator: ",\n") + (rows.isEmpty ? "" : "\n") + "]\n"
    }

    /// The client-side search index: one compact row per activity, partner, plan and page.
    func searchIndexJSON(activityRows: [[UInt8]], typeLabel: (String) -> String) -> [UInt8] {
        var rows = activityRows
        rows.reserveCapacity(activityRows.count + content.partners.count + content.actionPlans.count + content.pages.count)
        for partner in content.partners {
            rows.append(Array(("[\(Escape.jsonString(content.settings.link(partner.sitePath))),\(Escape.jsonString(partner.name)),"
                + "\(Escape.jsonString(typeLabel("partner"))),\"\",\"\",\(Escape.jsonString(partner.region ?? "")),"
                + "\(Escape.jsonString(partner.document.body.firstParagraph ?? ""))]").utf8))
        }
        for plan in content.actionPlans {
            rows.append(Array(("[\(Escape.jsonString(content.settings.link(plan.sitePath))),\(Escape.jsonString(plan.title)),"
                + "\(Escape.jsonString(typeLabel("action-plan"))),\(Escape.jsonString(plan.adopted.text)),\"\",\"\",\(Escape.jsonString(plan.summary))]").utf8))
        }
        for page in content.pages {
            rows.append(Array(("[\(Escape.jsonString(content.settings.link(page.sitePath))),\(Escape.jsonString(page.title)),"
                + "\(Escape.jsonString(typeLabel("page"))),\"\",\"\",\"\",\(Escape.jsonString(page.summary))]").utf8))
        }
        return Self.joined(rows, prefix: "[\n", separator: ",\n", suffix: "\n]\n")
    }

    /// `partners`: where the activity's partners are in `content.partners`.
    func searchRow(_ activity: Activity, partners partnerIndexes: [Int], typeLabel: String, dateText: String) -> [UInt8] {
        var partners = ""
        for (position, index) in partnerIndexes.enumerated() {
            if position > 0 { partners += ", " }
            partners += content.partners[index].name
        }
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(512)
        for (index, field) in [content.settings.link(activity.sitePath), activity.title, typeLabel, dateText, partners,
                               activity.location ?? "", activity.summary].enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Escape.appendJSON(field, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}
