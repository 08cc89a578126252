import ReachCatalogue
import Testing

@Suite struct ResponseTreeTests {
  /// Dotted paths nest in the catalogue's order; `[]` marks a list; an object is optional when
  /// every member under it is.
  @Test func dottedPathsNest() throws {
    let tree = ResponseTree([
      ResponseField("transactionId", "The transaction."),
      ResponseField("link.url", "Where to pay.").optional(),
      ResponseField("link.expireDate", "Until when.").optional(),
      ResponseField("cards[].uuid", "A card."),
      ResponseField("cards[].last4", "Its last digits.").optional(),
    ])
    #expect(tree.ordered.map(\.name) == ["transactionId", "link", "cards"])
    let link = try #require(tree.children["link"])
    #expect(link.field == nil && !link.isArray && link.isOptional)
    #expect(link.ordered.map(\.name) == ["url", "expireDate"])
    let cards = try #require(tree.children["cards"])
    #expect(cards.isArray && !cards.isOptional)
    #expect(cards.children["uuid"]?.field?.path == "cards[].uuid")
    #expect(tree.children["transactionId"]?.isOptional == false)
  }

  /// An endpoint's tree is built with it, and again when its response changes.
  @Test func anEndpointsTreeFollowsItsResponse() {
    var endpoint = Catalogue.require("customer.info")
    #expect(endpoint.responseTree == ResponseTree(endpoint.response))
    endpoint.response = [ResponseField("only", "The one field.")]
    #expect(endpoint.responseTree.ordered.map(\.name) == ["only"])
  }
}
