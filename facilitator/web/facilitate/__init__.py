"""The facilitator's pages: processes, sessions, activities, the console, themes, plan, written
rounds, follow-up and exports. Every page here needs a logged-in facilitator."""
