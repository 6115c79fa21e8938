# Sourced by docs/bench.sh and docs/tls-scan.sh (not run on its own).
# make_test_ca DIR NAME: a throwaway P-256 CA named NAME and a server certificate it signs for
# localhost / 127.0.0.1, valid two days: DIR/ca.pem, DIR/server.key, DIR/server.pem.
make_test_ca() {
  local dir="$1" name="$2"
  openssl ecparam -genkey -name prime256v1 -noout -out "$dir/ca.key" 2>/dev/null
  openssl req -x509 -new -key "$dir/ca.key" -subj "/CN=$name" -days 2 -out "$dir/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
  openssl ecparam -genkey -name prime256v1 -noout -out "$dir/server.key" 2>/dev/null
  openssl req -new -key "$dir/server.key" -subj "/CN=localhost" -out "$dir/server.csr"
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\nbasicConstraints=critical,CA:FALSE\nauthorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n' > "$dir/ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/ext" -out "$dir/server.pem" 2>/dev/null
}
