"""What participants and the room see: the join form and phone page, the written answer form
and the projector."""
