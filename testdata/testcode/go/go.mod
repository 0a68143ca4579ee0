module example.com/testcode

go 1.25
