extension Substring {
  /// Without the leading and trailing characters for which `drop` holds (only index moves, no
  /// copy). The one trim of reach: callers say which characters they drop.
  public func trimming(while drop: (Character) throws -> Bool) rethrows -> Substring {
    var slice = self
    while let first = slice.first, try drop(first) { slice.removeFirst() }
    while let last = slice.last, try drop(last) { slice.removeLast() }
    return slice
  }
}

extension String {
  /// Without the leading and trailing characters for which `drop` holds. A string with none is
  /// returned as it is, not copied: most fields of a bulk run's CSV have none.
  public func trimming(while drop: (Character) throws -> Bool) rethrows -> String {
    let slice = try self[...].trimming(while: drop)
    return slice.startIndex == startIndex && slice.endIndex == endIndex ? self : String(slice)
  }
}
