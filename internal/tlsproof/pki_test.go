package tlsproof

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"testing"
	"time"
)

// The certificates are ECDSA P-256 with SHA-256 signatures, which every TLS stack the drivers
// use accepts (OpenSSL for libpq, PHP and Python; Go's crypto/tls; Node's OpenSSL; the JDK's
// JSSE), and which Python's VERIFY_X509_STRICT (default since 3.13) accepts too: the CA has
// critical basic constraints and key usage and a subject key id; the leaves have an authority
// key id, serverAuth and are not CAs.

// serverNames are the names the real server's certificate carries: every name a client uses
// for the test servers (PGTLS_HOST is localhost, which resolves to 127.0.0.1 or ::1).
var (
	serverDNS = []string{"localhost"}
	serverIPs = []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")}
)

// ca is a throw-away certificate authority.
type ca struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  []byte
}

// keyPair is a server certificate and its key, in PEM.
type keyPair struct {
	certPEM, keyPEM []byte
}

// pki holds the certificates of the four servers.
type pki struct {
	// ca is the test CA: the CA the fixes name.
	ca *ca
	// real is from ca for localhost, 127.0.0.1 and ::1.
	real keyPair
	// otherCA is from another CA, for the same names.
	otherCA keyPair
	// otherHost is from ca, for impostor.example only.
	otherHost keyPair
}

func newPKI() (*pki, error) {
	good, err := newCA("pgtlslint tlsproof CA")
	if err != nil {
		return nil, err
	}
	evil, err := newCA("pgtlslint tlsproof impostor CA")
	if err != nil {
		return nil, err
	}
	p := &pki{ca: good}
	if p.real, err = good.issue("localhost", serverDNS, serverIPs); err != nil {
		return nil, err
	}
	if p.otherCA, err = evil.issue("localhost", serverDNS, serverIPs); err != nil {
		return nil, err
	}
	if p.otherHost, err = good.issue("impostor.example", []string{"impostor.example"}, nil); err != nil {
		return nil, err
	}
	return p, nil
}

func serial() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
}

func newCA(name string) (*ca, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	sn, err := serial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          sn,
		Subject:               pkix.Name{CommonName: name, Organization: []string{"pgtlslint tests"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		MaxPathLenZero:        true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &ca{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, nil
}

// issue makes a server certificate for the names.
func (c *ca) issue(cn string, dns []string, ips []net.IP) (keyPair, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return keyPair{}, err
	}
	sn, err := serial()
	if err != nil {
		return keyPair{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          sn,
		Subject:               pkix.Name{CommonName: cn},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:              dns,
		IPAddresses:           ips,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, c.cert, &key.PublicKey, c.key)
	if err != nil {
		return keyPair{}, err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return keyPair{}, err
	}
	return keyPair{
		certPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		keyPEM:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}),
	}, nil
}

// TestPKI checks the certificates with crypto/x509: the real one verifies for every name a
// client uses; the impostors' fail full verification for the reason each stands for.
func TestPKI(t *testing.T) {
	p, err := newPKI()
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(p.ca.pem) {
		t.Fatal("CA PEM does not parse")
	}
	leaf := func(kp keyPair) *x509.Certificate {
		b, _ := pem.Decode(kp.certPEM)
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, name := range []string{"localhost", "127.0.0.1", "::1"} {
		if _, err := leaf(p.real).Verify(x509.VerifyOptions{Roots: roots, DNSName: name}); err != nil {
			t.Errorf("real certificate for %s: %v", name, err)
		}
		if _, err := leaf(p.otherCA).Verify(x509.VerifyOptions{Roots: roots, DNSName: name}); err == nil {
			t.Errorf("impostor-ca certificate verifies for %s against the test CA", name)
		}
		if _, err := leaf(p.otherHost).Verify(x509.VerifyOptions{Roots: roots, DNSName: name}); err == nil {
			t.Errorf("impostor-host certificate verifies for %s", name)
		}
	}
	// verify-ca: impostor-host's chain is good.
	if _, err := leaf(p.otherHost).Verify(x509.VerifyOptions{Roots: roots}); err != nil {
		t.Errorf("impostor-host chain: %v", err)
	}
	if len(leaf(p.real).AuthorityKeyId) == 0 || len(p.ca.cert.SubjectKeyId) == 0 {
		t.Error("key identifiers missing (Python's VERIFY_X509_STRICT needs them)")
	}
}
