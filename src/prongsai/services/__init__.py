"""The agency's services as plain Python (no Django): service-request statistics, asset
borrowing rules and registers, and satisfaction survey scoring."""
