//go:build linux

// Package pgserver starts throw-away PostgreSQL servers for tests: the real server, from the
// machine's PostgreSQL installation (Debian's postgresql package; `make test` installs it when
// missing), so that tests check pgtlslint against what the server really accepts.
//
// Each server gets a fresh cluster (initdb) in a temporary directory, listens on a free port on
// loopback only and on a Unix socket in that directory, and is stopped and removed when the test
// ends. Linux only (it runs the server in its own process group). Run as root (CI containers), the server runs as the postgres OS user, because initdb and
// postgres refuse to run as root.
package pgserver

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Options configure a server.
type Options struct {
	// Conf are extra postgresql.conf lines, appended after initdb's.
	Conf []string
	// HBA is the pg_hba.conf content; "" keeps initdb's (trust for local connections). A line
	// `local all postgres trust` is put first either way, so that Query can always connect.
	HBA string
	// Files are written into the data directory before the server starts (certificates,
	// keys), readable only by the server's user.
	Files map[string][]byte
}

// Server is a running throw-away server.
type Server struct {
	// Dir holds the data directory, the socket and the log.
	Dir       string
	DataDir   string
	SocketDir string
	Port      int
	// Version is the server's major version (15, 16, ...).
	Version int

	bin  string
	psql string
	cred *syscall.Credential
	cmd  *exec.Cmd
	// exited is closed when the server process has exited; exitErr is then its status.
	exited  chan struct{}
	exitErr error
	log     string
}

// BinDir returns the directory of the newest installed server (initdb, postgres): $PGSERVER_BIN
// when set, else the newest /usr/lib/postgresql/N/bin (Debian), else the directory of a postgres
// found on PATH.
func BinDir() (string, error) {
	if d := os.Getenv("PGSERVER_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("postgres"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no PostgreSQL server found (looked in $PGSERVER_BIN, /usr/lib/postgresql/*/bin and PATH); `make test` installs Debian's postgresql package, or run: apt-get install postgresql")
}

var majorInPath = regexp.MustCompile(`/(\d+)/bin$`)

func versionOf(dir string) int {
	m := majorInPath.FindStringSubmatch(dir)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Start creates a cluster and starts its server; the test's cleanup stops it and removes
// everything. It fails the test with the reason when the server cannot start.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := start(opts)
	if s != nil {
		t.Cleanup(s.stop)
	}
	if err != nil {
		t.Fatalf("pgserver: %v", err)
	}
	return s
}

func start(opts Options) (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin}
	if s.psql, err = findPsql(bin); err != nil {
		return nil, err
	}
	if s.cred, err = serverUser(); err != nil {
		return nil, err
	}
	if s.Dir, err = os.MkdirTemp("", "pgserver-"); err != nil {
		return nil, err
	}
	s.DataDir = filepath.Join(s.Dir, "data")
	s.SocketDir = s.Dir
	s.log = filepath.Join(s.Dir, "server.log")
	if err := s.own(s.Dir, 0o755); err != nil {
		return s, err
	}
	if out, err := s.run(filepath.Join(bin, "initdb"), "-D", s.DataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"); err != nil {
		return s, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	if s.Version, err = serverVersion(filepath.Join(s.DataDir, "PG_VERSION")); err != nil {
		return s, err
	}
	for name, b := range opts.Files {
		if err := s.writeFile(name, b); err != nil {
			return s, err
		}
	}
	if err := s.configure(opts); err != nil {
		return s, err
	}
	return s, s.launch()
}

// findPsql finds psql beside the server or on PATH.
func findPsql(bin string) (string, error) {
	if p := filepath.Join(bin, "psql"); fileExists(p) {
		return p, nil
	}
	if p, err := exec.LookPath("psql"); err == nil {
		return p, nil
	}
	return "", errors.New("psql not found beside the server or on PATH")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// serverUser is the user the server runs as: the postgres OS user when we are root, else
// ourselves (nil).
func serverUser() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, and the server refuses root: need a postgres OS user (%w)", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func serverVersion(pgVersion string) (int, error) {
	b, err := os.ReadFile(pgVersion)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(b)))
}

// own gives a path to the server's user.
func (s *Server) own(p string, mode os.FileMode) error {
	if err := os.Chmod(p, mode); err != nil {
		return err
	}
	if s.cred != nil {
		return os.Chown(p, int(s.cred.Uid), int(s.cred.Gid))
	}
	return nil
}

// run runs a server program as the server's user.
func (s *Server) run(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
	cmd.Dir = s.Dir
	return cmd.CombinedOutput()
}

// configure writes the settings every test server needs and the caller's.
func (s *Server) configure(opts Options) error {
	conf := []string{
		"",
		"# pgserver",
		"listen_addresses = '127.0.0.1'",
		"unix_socket_directories = '" + s.SocketDir + "'",
		"fsync = off",
		"shared_buffers = 16MB",
		"max_connections = 40",
		"log_connections = on",
	}
	conf = append(conf, opts.Conf...)
	f, err := os.OpenFile(filepath.Join(s.DataDir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(strings.Join(conf, "\n") + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || opts.HBA == "" {
		return err
	}
	return s.writeFile("pg_hba.conf", []byte("local all postgres trust\n"+opts.HBA))
}

// launch starts postgres on a free port, retrying when another process takes the port first.
func (s *Server) launch() error {
	var err error
	for range 5 {
		if s.Port, err = freePort(); err != nil {
			return err
		}
		s.cmd = exec.Command(filepath.Join(s.bin, "postgres"), "-D", s.DataDir, "-p", strconv.Itoa(s.Port))
		s.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred, Setpgid: true, Pdeathsig: syscall.SIGKILL}
		s.cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "LANG=C.UTF-8")
		logf, lerr := os.OpenFile(s.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if lerr != nil {
			return lerr
		}
		s.cmd.Stdout, s.cmd.Stderr = logf, logf
		err = s.cmd.Start()
		_ = logf.Close() // the child has its own descriptor
		if err != nil {
			return err
		}
		if err = s.waitReady(); err == nil {
			return nil
		}
		s.kill()
		if !bytes.Contains(s.tail(), []byte("could not bind")) {
			break
		}
	}
	return fmt.Errorf("server did not start: %w\n%s", err, s.tail())
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	return port, l.Close()
}

// waitReady waits until the server accepts a query, or exits.
func (s *Server) waitReady() error {
	exited := make(chan struct{})
	cmd := s.cmd
	go func() {
		s.exitErr = cmd.Wait()
		close(exited)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			s.cmd = nil
			return fmt.Errorf("server exited: %w", s.exitErr)
		case <-time.After(100 * time.Millisecond):
		}
		if _, err := s.query("SELECT 1"); err == nil {
			s.exited = exited
			return nil
		}
	}
	return errors.New("server not ready after 60 s")
}

// tail is the end of the server log, for error messages.
func (s *Server) tail() []byte {
	b, _ := os.ReadFile(s.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return b
}

// query runs one statement with psql as the superuser over the socket.
func (s *Server) query(sql string) (string, error) {
	cmd := exec.Command(s.psql, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1",
		"-h", s.SocketDir, "-p", strconv.Itoa(s.Port), "-U", "postgres", "-d", "postgres", "-c", sql)
	cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=5", "PGAPPNAME=pgserver")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimRight(out.String(), "\n"), nil
}

// Query runs one statement as the superuser and returns psql's unaligned, tuples-only output
// (fields separated by |, rows by newlines). An error fails the test.
func (s *Server) Query(t testing.TB, sql string) string {
	t.Helper()
	out, err := s.query(sql)
	if err != nil {
		t.Fatalf("pgserver: %s: %v", sql, err)
	}
	return out
}

// WriteFile writes a file into the data directory, owned by and readable only by the server's
// user (as server keys must be).
func (s *Server) WriteFile(t testing.TB, name string, content []byte) string {
	t.Helper()
	if err := s.writeFile(name, content); err != nil {
		t.Fatalf("pgserver: %v", err)
	}
	return filepath.Join(s.DataDir, name)
}

func (s *Server) writeFile(name string, content []byte) error {
	p := filepath.Join(s.DataDir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(p, content, 0o600); err != nil {
		return err
	}
	return s.own(p, 0o600)
}

// Reload makes the server re-read its configuration files.
func (s *Server) Reload(t testing.TB) {
	t.Helper()
	if got := s.Query(t, "SELECT pg_reload_conf()"); got != "t" {
		t.Fatalf("pgserver: pg_reload_conf() = %q", got)
	}
	// The postmaster reloads asynchronously; a new connection after this sees the new rules.
	time.Sleep(200 * time.Millisecond)
}

// Log returns the server log so far.
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.log)
	return string(b)
}

// kill stops the server at once.
func (s *Server) kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		if s.exited != nil {
			<-s.exited
		}
	}
	s.cmd, s.exited = nil, nil
}

// stop shuts the server down (fast shutdown, then kill) and removes its directory.
func (s *Server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-s.exited:
			s.cmd, s.exited = nil, nil
		case <-time.After(10 * time.Second):
			s.kill()
		}
	}
	if s.Dir != "" {
		_ = os.RemoveAll(s.Dir)
	}
}
