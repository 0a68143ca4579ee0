<?php
// PHP PDO_pgsql (libpq) with sslmode=require in the DSN; everything else comes from the environment.
$host = getenv('PGTLS_HOST');
$port = getenv('PGTLS_PORT');
$user = getenv('PGTLS_USER');
$db = getenv('PGTLS_DB');
try {
    $pdo = new PDO("pgsql:host=$host;port=$port;dbname=$db;sslmode=require", $user, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
    if ($pdo->query('SELECT 1')->fetchColumn() != 1) {
        echo "SELECT 1 failed\n";
        exit(1);
    }
} catch (PDOException $e) {
    echo $e->getMessage(), "\n";
    exit(1);
}
echo "connected\n";
