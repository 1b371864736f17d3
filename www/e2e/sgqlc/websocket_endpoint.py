# sgqlc's WebSocketEndpoint as its docstrings describe it: an endpoint for a
# ws:// URL, called with a query or a subscription, giving a generator of the
# results (one for a query, one per notification for a subscription).
from sgqlc.endpoint.websocket import WebSocketEndpoint

endpoint = WebSocketEndpoint("ws://sgqlc.test/graphql")

for data in endpoint("query { continents { code name } }"):
    print(data)

for data in endpoint("subscription { somethingChanged { id } }"):
    print(data)
