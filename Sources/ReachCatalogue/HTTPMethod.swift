public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
  case get = "GET", post = "POST", put = "PUT", delete = "DELETE"
}
