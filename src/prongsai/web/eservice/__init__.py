"""E-Service: request types the agency defines, citizens' requests with a tracking code, the
staff's queue per unit, the service manuals and the service statistics."""
