import Foundation
import ReachCatalogue

/// `--report csv=PATH`: one line per bulk row as it ends (customerId, outcome, outcomeReason,
/// httpStatus, attempts). Its first column is the rows' key column, so the file is the input of
/// the next run, and a run given it reads only its failed rows (see `CSVReader`); `outcomeReason`
/// is not named `reason`, so it is never taken for a row's reasonCode. A cell that would be a
/// formula in a spreadsheet starts with `'` (``CSVCell``).
public enum RowCSVReport {
  /// The columns after the key's.
  public static let columns = ["outcome", "outcomeReason", "httpStatus", "attempts"]
  public static let header = header(key: "customerId")

  /// The header, with `key` the first declared column of the rows' input.
  public static func header(key: String) -> String {
    ([key] + columns).joined(separator: ",") + "\n"
  }

  /// Whether a csv file's header is a row report's: the key column, then exactly `columns`.
  public static func isReport(_ header: [String]) -> Bool {
    header.count == columns.count + 1 && Array(header.dropFirst()) == columns
  }

  public static func line(_ row: RowResult) -> String {
    [
      field(row.key), row.outcome.rawValue, field(row.reason ?? ""), row.status.map(String.init) ?? "",
      String(row.attempts),
    ].joined(separator: ",") + "\n"
  }

  static func field(_ text: String) -> String { CSVCell.encode(text) }
}
