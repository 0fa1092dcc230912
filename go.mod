module github.com/zhkb/zhkb

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/liuzl/cedar-go v0.0.0-20170805034717-80a9c64b256d // indirect
	github.com/liuzl/da v0.0.0-20180704015230-14771aad5b1d // indirect
	github.com/longbridgeapp/opencc v0.3.13 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
)
