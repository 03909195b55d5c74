extension [UInt8] {
    /// `String(value)` appended as UTF-8, without making the string: dates and map coordinates
    /// are written this way some hundred thousand times a build.
    mutating func appendDecimal(_ value: Int) {
        guard value >= 0 else { return append(contentsOf: String(value).utf8) }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(UInt8(0x30 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
