"""The live room: the socket protocol, rooms and connections, events in, the bridge out
(domain signals in, Socket.IO out), payloads, presence and the room's background jobs."""
