import Foundation
import ReachCatalogue

/// `--report csv=PATH`: one line per bulk row as it ends (customerId, outcome, outcomeReason,
/// httpStatus, attempts). Its first column is the rows' key column, so the file (or its failed
/// lines) is the input of the next run; `outcomeReason` is not named `reason`, so it is never
/// taken for a row's reasonCode. A cell that would be a formula in a spreadsheet starts with `'`
/// (``CSVCell``).
public enum RowCSVReport {
  public static let header = "customerId,outcome,outcomeReason,httpStatus,attempts\n"

  public static func line(_ row: RowResult) -> String {
    [
      field(row.key), row.outcome.rawValue, field(row.reason ?? ""), row.status.map(String.init) ?? "",
      String(row.attempts),
    ].joined(separator: ",") + "\n"
  }

  static func field(_ text: String) -> String { CSVCell.encode(text) }
}
