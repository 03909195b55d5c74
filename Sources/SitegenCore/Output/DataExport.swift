/// The open-data files: activities as JSON and CSV, partners and action plans as JSON.
struct DataExport {
    let content: SiteContent

    /// Rows come from each activity's fragments, built in parallel and cached between builds.
    func activitiesJSON(rows: [String]) -> String {
        rows.isEmpty ? "[\n]\n" : "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    func jsonRow(_ activity: Activity) -> String {
        // One string, grown in place: ten thousand rows of a dozen pieces each.
        var out = "  {\"id\": "
        out.reserveCapacity(512)
        Escape.appendJSON(activity.id, to: &out)
        out += ", \"title\": "
        Escape.appendJSON(activity.title, to: &out)
        out += ", \"date\": "
        Escape.appendJSON(activity.date.text, to: &out)
        out += ", \"end_date\": "
        Escape.appendJSON(activity.endDate?.text, to: &out)
        out += ", \"type\": "
        Escape.appendJSON(activity.type, to: &out)
        out += ", \"organizer\": "
        Escape.appendJSON(activity.organizer, to: &out)
        out += ", \"partners\": ["
        for (index, partner) in activity.partnerIDs.enumerated() {
            if index > 0 { out += ", " }
            Escape.appendJSON(partner, to: &out)
        }
        out += "], \"location\": "
        Escape.appendJSON(activity.location, to: &out)
        out += ", \"source\": "
        Escape.appendJSON(activity.source, to: &out)
        out += ", \"url\": "
        Escape.appendJSON(content.settings.absoluteURL(activity.sitePath), to: &out)
        out += "}"
        return out
    }

    func activitiesCSV(rows: [String]) -> String {
        "id,title,date,end_date,type,organizer,partners,location,source,url\r\n" + rows.joined()
    }

    func csvRow(_ activity: Activity) -> String {
        let cells: [String?] = [
            activity.id, activity.title, activity.date.text, activity.endDate?.text, activity.type, activity.organizer,
            activity.partnerIDs.joined(separator: ";"), activity.location, activity.source,
            content.settings.absoluteURL(activity.sitePath),
        ]
        return cells.map(Escape.csv).joined(separator: ",") + "\r\n"
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
    func searchIndexJSON(activityRows: [String], typeLabel: (String) -> String) -> String {
        var rows = activityRows
        rows.reserveCapacity(activityRows.count + content.partners.count + content.actionPlans.count + content.pages.count)
        for partner in content.partners {
            rows.append("[\(Escape.jsonString(content.settings.link(partner.sitePath))),\(Escape.jsonString(partner.name)),"
                + "\(Escape.jsonString(typeLabel("partner"))),\"\",\"\",\(Escape.jsonString(partner.region ?? "")),"
                + "\(Escape.jsonString(partner.document.body.firstParagraph ?? ""))]")
        }
        for plan in content.actionPlans {
            rows.append("[\(Escape.jsonString(content.settings.link(plan.sitePath))),\(Escape.jsonString(plan.title)),"
                + "\(Escape.jsonString(typeLabel("action-plan"))),\(Escape.jsonString(plan.adopted.text)),\"\",\"\",\(Escape.jsonString(plan.summary))]")
        }
        for page in content.pages {
            rows.append("[\(Escape.jsonString(content.settings.link(page.sitePath))),\(Escape.jsonString(page.title)),"
                + "\(Escape.jsonString(typeLabel("page"))),\"\",\"\",\"\",\(Escape.jsonString(page.summary))]")
        }
        return "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    func searchRow(_ activity: Activity, typeLabel: String, dateText: String) -> String {
        var partners = ""
        for (index, partner) in content.partners(of: activity).enumerated() {
            if index > 0 { partners += ", " }
            partners += partner.name
        }
        var out = "["
        out.reserveCapacity(512)
        for (index, field) in [content.settings.link(activity.sitePath), activity.title, typeLabel, dateText, partners,
                               activity.location ?? "", activity.summary].enumerated() {
            if index > 0 { out += "," }
            Escape.appendJSON(field, to: &out)
        }
        out += "]"
        return out
    }
}
