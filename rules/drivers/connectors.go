package drivers

import "strings"

// Connector is a program that reads a block of key = value settings and hands some of them to a
// driver as its connection properties: a Kafka Connect source connector configured with
// database.hostname, database.sslmode and the like. Where a setting of the block sits, the
// connector's driver reads it (docs/drivers.md, the driver's section).
type Connector struct {
	Name string
	// Classes are the values of connector.class (Strimzi's KafkaConnector: spec.class) that
	// select it.
	Classes []string
	// Prefixes start the keys it hands to the driver, without the prefix (database.sslmode is
	// the driver's sslmode).
	Prefixes []string
	// Host is the key, after a prefix, that holds the server's host.
	Host   string
	Driver *Driver
	// Sources prove what the connector does with the keys.
	Sources []Source
}

var connectors []*Connector

func registerConnector(d *Driver, c *Connector) {
	c.Driver = d
	connectors = append(connectors, c)
}

// ConnectorOf returns the connector a connector class names.
func ConnectorOf(class string) (*Connector, bool) {
	class = strings.TrimSpace(class)
	for _, c := range connectors {
		for _, cl := range c.Classes {
			if cl == class {
				return c, true
			}
		}
	}
	return nil, false
}

// Connectors returns the connectors that hand settings to the driver.
func (d *Driver) Connectors() []*Connector {
	var out []*Connector
	for _, c := range connectors {
		if c.Driver == d {
			out = append(out, c)
		}
	}
	return out
}
